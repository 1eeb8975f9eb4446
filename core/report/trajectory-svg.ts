/**
 * A small self-contained SVG of an optimizer's path over the contour lines of a 2-D test function.
 * Contours come from marching squares on a 120 x 120 grid at levels spaced by quantiles of the grid's
 * values (so steep functions such as Rosenbrock still show their valley). No browser, no dependency.
 */
import type { TestFunction, Trajectory } from '../train/trajectory';

const SIZE = 480;
const MARGIN = 40;
const GRID = 120;
const LEVELS = 16;

/** Marching squares: the line segments where `values` (row-major, (n+1) x (n+1) corners) crosses `level`. */
export function contourSegments(values: Float64Array, n: number, level: number): Array<[number, number, number, number]> {
  const segs: Array<[number, number, number, number]> = [];
  const at = (i: number, j: number) => values[j * (n + 1) + i]!;
  // Where the edge between corners a (value va) and b (vb) crosses the level, as a fraction from a.
  const cut = (va: number, vb: number) => (va === vb ? 0.5 : (level - va) / (vb - va));
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v0 = at(i, j); // bottom-left
      const v1 = at(i + 1, j); // bottom-right
      const v2 = at(i + 1, j + 1); // top-right
      const v3 = at(i, j + 1); // top-left
      const c = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
      if (c === 0 || c === 15) continue;
      const bottom: [number, number] = [i + cut(v0, v1), j];
      const right: [number, number] = [i + 1, j + cut(v1, v2)];
      const top: [number, number] = [i + cut(v3, v2), j + 1];
      const left: [number, number] = [i, j + cut(v0, v3)];
      const pairs: Array<[[number, number], [number, number]]> = [];
      switch (c) {
        case 1: case 14: pairs.push([left, bottom]); break;
        case 2: case 13: pairs.push([bottom, right]); break;
        case 3: case 12: pairs.push([left, right]); break;
        case 4: case 11: pairs.push([right, top]); break;
        case 6: case 9: pairs.push([bottom, top]); break;
        case 7: case 8: pairs.push([left, top]); break;
        case 5: pairs.push([left, top], [bottom, right]); break;
        case 10: pairs.push([left, bottom], [right, top]); break;
      }
      for (const [a, b] of pairs) segs.push([a[0], a[1], b[0], b[1]]);
    }
  }
  return segs;
}

/** The SVG document for `traj` on `fn`. */
export function trajectorySvg(traj: Trajectory, fn: TestFunction): string {
  const finite = traj.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  // The default domain, widened to show the path, but by at most its own size on each side (a diverging
  // path leaves the plot; the clip keeps it inside the frame).
  const [[dx0, dx1], [dy0, dy1]] = fn.domain;
  let [x0, x1, y0, y1] = [dx0, dx1, dy0, dy1];
  for (const [x, y] of finite) {
    x0 = Math.max(Math.min(x0, x), 2 * dx0 - dx1);
    x1 = Math.min(Math.max(x1, x), 2 * dx1 - dx0);
    y0 = Math.max(Math.min(y0, y), 2 * dy0 - dy1);
    y1 = Math.min(Math.max(y1, y), 2 * dy1 - dy0);
  }
  const values = new Float64Array((GRID + 1) * (GRID + 1));
  for (let j = 0; j <= GRID; j++) for (let i = 0; i <= GRID; i++) values[j * (GRID + 1) + i] = fn.f(x0 + ((x1 - x0) * i) / GRID, y0 + ((y1 - y0) * j) / GRID);
  const sorted = Float64Array.from(values).sort();
  const levels = new Set<number>();
  for (let k = 1; k < LEVELS; k++) levels.add(sorted[Math.floor((k / LEVELS) ** 2 * (sorted.length - 1))]!);

  const inner = SIZE - 2 * MARGIN;
  const px = (x: number) => MARGIN + ((x - x0) / (x1 - x0)) * inner;
  const py = (y: number) => SIZE - MARGIN - ((y - y0) / (y1 - y0)) * inner;
  const gx = (i: number) => MARGIN + (i / GRID) * inner;
  const gy = (j: number) => SIZE - MARGIN - (j / GRID) * inner;
  const r = (v: number) => v.toFixed(1);

  const contours = [...levels].map((level, k) => {
    const d = contourSegments(values, GRID, level)
      .map(([a, b, c, e]) => `M${r(gx(a))} ${r(gy(b))}L${r(gx(c))} ${r(gy(e))}`)
      .join('');
    const shade = Math.round(200 - (150 * k) / LEVELS);
    return `<path d="${d}" fill="none" stroke="rgb(${shade},${shade},${shade + 40})" stroke-width="0.8"/>`;
  });
  const path = finite.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${r(px(x))} ${r(py(y))}`).join('');
  const first = finite[0];
  const last = finite[finite.length - 1];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const title = `${traj.optimizer} ${JSON.stringify(traj.params)} on ${fn.name}, ${traj.points.length - 1} steps`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${SIZE}" height="${SIZE}" fill="white"/>`,
    `<rect x="${MARGIN}" y="${MARGIN}" width="${inner}" height="${inner}" fill="none" stroke="#888"/>`,
    ...contours,
    `<clipPath id="frame"><rect x="${MARGIN}" y="${MARGIN}" width="${inner}" height="${inner}"/></clipPath>`,
    `<g clip-path="url(#frame)">`,
    `<path d="${path}" fill="none" stroke="#d62728" stroke-width="1.5"/>`,
    ...finite.map(([x, y]) => `<circle cx="${r(px(x))}" cy="${r(py(y))}" r="1.8" fill="#d62728"/>`),
    '</g>',
    first ? `<circle cx="${r(px(first[0]))}" cy="${r(py(first[1]))}" r="4" fill="#2ca02c"/>` : '',
    last ? `<circle cx="${r(px(last[0]))}" cy="${r(py(last[1]))}" r="4" fill="none" stroke="#d62728" stroke-width="1.5"/>` : '',
    `<path d="M${r(px(fn.minimum[0]) - 5)} ${r(py(fn.minimum[1]))}h10M${r(px(fn.minimum[0]))} ${r(py(fn.minimum[1]) - 5)}v10" stroke="black" stroke-width="1.5"/>`,
    `<text x="${MARGIN}" y="${MARGIN - 8}">${esc(`${traj.optimizer} on ${fn.name}: ${fn.formula}`)}</text>`,
    `<text x="${MARGIN}" y="${SIZE - MARGIN + 14}">${x0.toPrecision(3)}</text>`,
    `<text x="${SIZE - MARGIN}" y="${SIZE - MARGIN + 14}" text-anchor="end">${x1.toPrecision(3)}</text>`,
    `<text x="${MARGIN - 4}" y="${SIZE - MARGIN}" text-anchor="end">${y0.toPrecision(3)}</text>`,
    `<text x="${MARGIN - 4}" y="${MARGIN + 8}" text-anchor="end">${y1.toPrecision(3)}</text>`,
    `<text x="${SIZE / 2}" y="${SIZE - 8}" text-anchor="middle">x  (green: start, circle: end, +: minimum)</text>`,
    '</svg>',
    '',
  ].join('\n');
}

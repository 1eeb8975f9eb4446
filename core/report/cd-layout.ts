/**
 * The geometry of a critical-difference diagram (Demšar, JMLR 2006, Fig. 1), shared by the SVG plot
 * (plot-cd.ts) and the LaTeX picture (latex-cd.ts): an axis of mean ranks with rank 1 on the right,
 * each configuration's rank dropped to a label line (the better half to the right, the others to the
 * left), a bar under the axis joining each group the post-hoc test does not tell apart, and the
 * critical difference above. Coordinates: x in mean ranks, y in rows downward from the axis (y = 0).
 */
import type { CriticalDifference } from '../analysis/critical-difference';

/** A straight segment, with the stroke it is drawn with. */
export interface Segment {
  x: number;
  x2: number;
  y: number;
  y2: number;
  /** thin: axis and leader lines; bar: a group or the CD. */
  kind: 'thin' | 'bar';
}

/** A text at a point; `side`: which way it runs from there. */
export interface Label {
  x: number;
  y: number;
  text: string;
  side: 'left' | 'right' | 'centre';
}

export interface CdLayout {
  /** The axis runs from rank 1 to `k`. */
  k: number;
  /** The lowest row used (for the height). */
  bottom: number;
  segments: Segment[];
  labels: Label[];
}

/** Lays out the diagram of `c` (see the module comment). */
export function cdLayout(c: CriticalDifference): CdLayout {
  const k = c.solvers.length;
  const segments: Segment[] = [{ x: 1, x2: k, y: 0, y2: 0, kind: 'thin' }];
  const labels: Label[] = [];
  for (let r = 1; r <= k; r++) {
    segments.push({ x: r, x2: r, y: 0, y2: -0.2, kind: 'thin' });
    labels.push({ x: r, y: -0.45, text: String(r), side: 'centre' });
  }
  // The critical difference above the axis, from the worst end.
  segments.push({ x: k, x2: k - c.cd, y: -1.1, y2: -1.1, kind: 'thin' }, { x: k, x2: k, y: -1.2, y2: -1, kind: 'thin' }, { x: k - c.cd, x2: k - c.cd, y: -1.2, y2: -1, kind: 'thin' });
  labels.push({ x: k - c.cd / 2, y: -1.35, text: `CD = ${c.cd.toFixed(2)}`, side: 'centre' });
  const barRow = (g: number) => 0.35 + 0.3 * g;
  c.groups.forEach(([from, to], g) => {
    segments.push({ x: c.solvers[from]!.meanRank - 0.03, x2: c.solvers[to]!.meanRank + 0.03, y: barRow(g), y2: barRow(g), kind: 'bar' });
  });
  const first = barRow(c.groups.length) + 0.4;
  const half = Math.ceil(k / 2);
  c.solvers.forEach((s, i) => {
    const right = i < half;
    const row = first + (right ? i : k - 1 - i);
    const end = right ? 1 - 0.15 : k + 0.15;
    segments.push({ x: s.meanRank, x2: s.meanRank, y: 0, y2: row, kind: 'thin' }, { x: s.meanRank, x2: end, y: row, y2: row, kind: 'thin' });
    labels.push({ x: end, y: row, text: `${s.label} (${s.meanRank.toFixed(2)})`, side: right ? 'right' : 'left' });
  });
  return { k, bottom: first + Math.max(half, k - half) - 1, segments, labels };
}

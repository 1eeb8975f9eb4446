/**
 * `bench trajectory`: an optimizer's path on 2-D test functions, gradients against closed forms, the JSON and
 * SVG outputs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../cli/main';
import { memoryIO } from '../cli/io';
import { contourSegments } from '../report/trajectory-svg';
import { FUNCTIONS } from './trajectory';

const run = async (...argv: string[]) => {
  const io = memoryIO();
  const code = await main(['trajectory', ...argv], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
};

describe('bench trajectory', () => {
  it('--json prints the path: points[0] is the start, one point per step, values f(points)', async () => {
    const r = await run('--optimizer', 'sgd', '--params', '{"lr":0.1}', '--function', 'quadratic', '--start=1,-2', '--steps', '3', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { optimizer: string; params: Record<string, unknown>; function: string; points: number[][]; values: number[] };
    expect(j.optimizer).toBe('sgd');
    expect(j.function).toBe('quadratic');
    expect(j.params).toEqual({ lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 });
    // gradient (x, 10 y): x <- 0.9 x, y <- 0 y (lr 10 = 1: y jumps to 0 at once)
    const expected = [[1, -2], [0.9, 0], [0.81, 0], [0.729, 0]];
    j.points.forEach((p, k) => p.forEach((v, i) => expect(v).toBeCloseTo(expected[k]![i]!, 6)));
    j.values.forEach((v, k) => expect(v).toBeCloseTo(FUNCTIONS.quadratic!.f(j.points[k]![0]!, j.points[k]![1]!), 12));
  });

  it('computes gradients of every function correctly (first SGD step = start - lr * closed-form gradient)', async () => {
    const grads: Record<string, (x: number, y: number) => [number, number]> = {
      rosenbrock: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
      beale: (x, y) => {
        const t = [1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y ** 3];
        return [2 * t[0]! * (y - 1) + 2 * t[1]! * (y * y - 1) + 2 * t[2]! * (y ** 3 - 1), 2 * t[0]! * x + 2 * t[1]! * 2 * x * y + 2 * t[2]! * 3 * x * y * y];
      },
      rastrigin: (x, y) => [2 * x + 20 * Math.PI * Math.sin(2 * Math.PI * x), 2 * y + 20 * Math.PI * Math.sin(2 * Math.PI * y)],
    };
    for (const [fn, g] of Object.entries(grads)) {
      const r = await run('--optimizer', 'sgd', '--params', '{"lr":0.001}', '--function', fn, '--start=0.3,-0.7', '--steps', '1', '--json');
      const p = (JSON.parse(r.out) as { points: number[][] }).points[1]!;
      const [gx, gy] = g(0.3, -0.7);
      expect(p[0]).toBeCloseTo(0.3 - 0.001 * gx, 5);
      expect(p[1]).toBeCloseTo(-0.7 - 0.001 * gy, 5);
    }
  });

  it('writes an SVG of the path over contour lines', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'traj-')), 'a.svg');
    const r = await run('--optimizer', 'adam', '--params', '{"lr":0.1}', '--function', 'rosenbrock', '--steps', '20', '--svg', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`wrote ${file}`);
    const svg = fs.readFileSync(file, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<circle /g)!.length).toBe(21 + 2); // every point, plus start and end markers
    expect((svg.match(/<path d="M/g) ?? []).length).toBeGreaterThan(10); // contour levels and the path
  });

  it('rejects bad input with exit code 2 and a message naming the option', async () => {
    expect((await run('--optimizer', 'adma', '--steps', '1')).err).toContain('unknown optimizer "adma" (did you mean "adam"?)');
    const bad = await run('--optimizer', 'adam', '--params', '{"lr":-1}', '--steps', '1');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--params.lr');
    expect((await run('--optimizer', 'adam', '--params', '{lr}')).err).toContain('--params: not valid JSON');
    expect((await run('--optimizer', 'adam', '--start', '1')).err).toContain('--start: expected two numbers');
    expect((await run('--optimizer', 'adam', '--function', 'himmelblau')).code).toBe(2);
  });
});

describe('contourSegments', () => {
  it('finds the crossing of a plane f = i on a 2 x 2 grid of cells by linear interpolation', () => {
    // values at corners (i, j) = i: the level 0.5 crosses every cell row at i = 0.5, a vertical line.
    const n = 2;
    const v = new Float64Array((n + 1) * (n + 1));
    for (let j = 0; j <= n; j++) for (let i = 0; i <= n; i++) v[j * (n + 1) + i] = i;
    const segs = contourSegments(v, n, 0.5);
    expect(segs).toHaveLength(2);
    for (const [x0, , x1] of segs) {
      expect(x0).toBeCloseTo(0.5, 12);
      expect(x1).toBeCloseTo(0.5, 12);
    }
    expect(contourSegments(v, n, 5)).toHaveLength(0);
  });
});

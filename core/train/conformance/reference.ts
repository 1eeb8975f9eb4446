/**
 * Comparing an optimizer with reference trajectories on the 2-D test functions of ../trajectory.ts: the
 * file tools/torch_trajectory.py writes (`golden`: `{steps, cases: [{optimizer, params, function, start,
 * points}]}`, or `run`: one trajectory as `bench trajectory --json` prints it). The error of a case is
 * the largest, over its steps, inf-norm relative difference of the point (bench computes in float32,
 * the reference in float64); the plugin matches when every case of its name is within the tolerance.
 */
import type { OptimizerPlugin, Params } from '../../plugin/contracts';
import { defaultParams } from '../../plugin/params';
import { InputError } from '../../util/errors';
import { readJsonFile } from '../../util/json';
import { FUNCTIONS, runTrajectory } from '../trajectory';
import type { Check } from './types';

/** One reference path: points[0] is the start, points[k] the position after k steps. */
export interface ReferenceCase {
  optimizer: string;
  params: Params;
  function: string;
  points: Array<[number, number]>;
}

/** A reference file, read: where it came from, its cases, and the tolerance on the relative error. */
export interface ReferenceFile {
  file: string;
  producedBy?: string;
  cases: ReferenceCase[];
  /** Largest relative error accepted; default 1e-5 (float32 against float64 over 60 steps). */
  tolerance?: number;
}

const isPoint = (p: unknown): p is [number, number] => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number');

function caseOf(raw: unknown, at: string, file: string): ReferenceCase {
  const c = raw as Partial<ReferenceCase> & { start?: unknown };
  const bad = (what: string) => new InputError(`${file}: ${at}: ${what}`);
  if (!c || typeof c !== 'object') throw bad('expected a trajectory object');
  if (typeof c.optimizer !== 'string') throw bad('no "optimizer" name');
  if (typeof c.function !== 'string' || !FUNCTIONS[c.function]) throw bad(`"function" must be one of ${Object.keys(FUNCTIONS).join(', ')}`);
  if (!Array.isArray(c.points) || c.points.length < 2 || !c.points.every(isPoint)) throw bad('"points" must be at least two [x, y] pairs');
  if (c.params !== undefined && (typeof c.params !== 'object' || Array.isArray(c.params))) throw bad('"params" must be an object');
  return { optimizer: c.optimizer, params: c.params ?? {}, function: c.function, points: c.points };
}

/** Reads a reference file (golden or single trajectory); throws InputError naming what is wrong. */
export function readReferenceFile(file: string, tolerance?: number): ReferenceFile {
  const raw = readJsonFile(file) as { cases?: unknown; producedBy?: unknown };
  const cases = Array.isArray(raw.cases) ? raw.cases.map((c, i) => caseOf(c, `$.cases[${i}]`, file)) : [caseOf(raw, '$', file)];
  return { file, cases, ...(typeof raw.producedBy === 'string' ? { producedBy: raw.producedBy } : {}), ...(tolerance !== undefined ? { tolerance } : {}) };
}

/** The largest relative error of `plugin`'s path against one reference case (params over the defaults). */
export function trajectoryError(plugin: OptimizerPlugin, c: ReferenceCase): number {
  const traj = runTrajectory({
    optimizer: plugin,
    params: { ...defaultParams(plugin.params), ...c.params },
    fn: FUNCTIONS[c.function]!,
    start: c.points[0]!,
    steps: c.points.length - 1,
  });
  let worst = 0;
  traj.points.forEach((p, k) => {
    const ref = c.points[k]!;
    const scale = Math.max(Math.abs(ref[0]), Math.abs(ref[1]));
    const d = Math.max(Math.abs(p[0] - ref[0]), Math.abs(p[1] - ref[1])) / scale;
    worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
  });
  return worst;
}

/** One check per reference case of this optimizer; one skipped check when the file has none. */
export function referenceChecks(plugin: OptimizerPlugin, ref: ReferenceFile): Check[] {
  const tolerance = ref.tolerance ?? 1e-5;
  const mine = ref.cases.filter((c) => c.optimizer === plugin.name);
  if (mine.length === 0) return [{ check: 'reference trajectory', run: () => ({ skipped: `${ref.file} has no trajectory of "${plugin.name}"` }) }];
  return mine.map((c) => ({
    check: `reference trajectory: ${c.function} ${JSON.stringify(c.params)}, ${c.points.length - 1} steps`,
    run() {
      const e = trajectoryError(plugin, c);
      const what = `largest relative error ${e.toExponential(2)} (tolerance ${tolerance})`;
      return e <= tolerance ? what : { failed: what };
    },
  }));
}

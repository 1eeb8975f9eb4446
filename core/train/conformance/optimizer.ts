/**
 * The conformance checks of an optimizer, with its default hyper-parameters, through the harness's own
 * updater (../updater.ts, as a trial steps it): 100 steps on a quadratic bowl over three weights of
 * different shapes. It leaks no tensors (none left after the updater is disposed, and as many after the
 * last step as after the first), two runs from one start agree bit for bit, an `elementwise` optimizer's
 * fused flat update equals its per-tensor update bit for bit, and the loss goes down.
 */
import type { OptimizerPlugin, Params } from '../../plugin/contracts';
import { defaultParams } from '../../plugin/params';
import * as tf from '../../tf';
import { createUpdater } from '../updater';
import type { Check } from './types';

/** Steps each run takes. */
export const STEPS = 100;
/** The weights' shapes: a matrix, a vector and a rank-3 tensor (flattening and splitting all exercised). */
const SHAPES = [[3, 2], [2], [2, 2, 2]];
const sizeOf = (s: number[]) => s.reduce((a, b) => a * b, 1);
/** Start values in [-1, 1] and curvatures 1..4 of f(w) = 0.5 * sum(c * w^2), fixed so every run is alike. */
const START = SHAPES.map((s, i) => Array.from({ length: sizeOf(s) }, (_, k) => (((k * 7 + i * 3) % 11) - 5) / 5));
const CURVATURE = SHAPES.map((s, i) => Array.from({ length: sizeOf(s) }, (_, k) => 1 + ((k + i) % 4)));

/** The quadratic's value at `values`, in float64. */
function loss(values: number[][]): number {
  return values.reduce((sum, v, i) => sum + v.reduce((a, w, k) => a + 0.5 * CURVATURE[i]![k]! * w * w, 0), 0);
}

interface Run {
  values: number[][];
  fused: boolean | undefined;
  /** Tensors alive after the first step and after the last. */
  afterFirst: number;
  afterLast: number;
  /** Tensors alive after everything was disposed, minus before it started. */
  leftOver: number;
}

let runCount = 0;

/** STEPS steps of `plugin` from START on the quadratic; disposes everything it made. */
function descend(plugin: OptimizerPlugin, params: Params): Run {
  const before = tf.memory().numTensors;
  const tag = `conformance${++runCount}`; // variable names are global to the engine
  const vars = START.map((v, i) => tf.tidy(() => tf.variable(tf.tensor(v, SHAPES[i]), true, `${tag}/w${i}`)));
  const curvature = CURVATURE.map((c, i) => tf.tensor(c, SHAPES[i]));
  const updater = createUpdater(plugin, params, vars);
  let afterFirst = 0;
  let afterLast = 0;
  let values: number[][] = [];
  let fused: boolean | undefined;
  try {
    for (let t = 1; t <= STEPS; t++) {
      tf.tidy(() => updater.step(Object.fromEntries(vars.map((v, i) => [v.name, v.mul(curvature[i]!)])), t, params.lr as number));
      if (t === 1) afterFirst = tf.memory().numTensors;
    }
    afterLast = tf.memory().numTensors;
    values = vars.map((v) => Array.from(v.dataSync()));
    fused = updater.fused;
  } finally {
    updater.dispose();
    tf.dispose([...vars, ...curvature]);
  }
  return { values, fused, afterFirst, afterLast, leftOver: tf.memory().numTensors - before };
}

/** The largest absolute difference between two runs' weights (0 when equal bit for bit). */
function largestDifference(a: number[][], b: number[][]): number {
  let worst = 0;
  a.forEach((v, i) => v.forEach((x, k) => {
    const y = b[i]![k]!;
    worst = Math.max(worst, Object.is(x, y) ? 0 : Number.isNaN(x - y) ? Infinity : Math.abs(x - y));
  }));
  return worst;
}

/** Runs once, keeps the outcome (or the error) for every check that reads it. */
function once<T>(f: () => T): () => T {
  let done: { value: T } | { error: unknown } | undefined;
  return () => {
    done ??= (() => {
      try {
        return { value: f() };
      } catch (error) {
        return { error };
      }
    })();
    if ('error' in done) throw done.error;
    return done.value;
  };
}

/** The optimizer checks; every run starts from the same weights, with the plugin's defaults. */
export function optimizerChecks(plugin: OptimizerPlugin): Check[] {
  const params = defaultParams(plugin.params);
  const first = once(() => descend(plugin, params));
  return [
    {
      check: `no tensor leak over ${STEPS} steps`,
      run() {
        const r = first();
        if (r.afterLast !== r.afterFirst) return { failed: `${r.afterLast - r.afterFirst} more tensors after step ${STEPS} than after step 1` };
        return r.leftOver !== 0 ? { failed: `${r.leftOver} tensors left after its slots were disposed` } : undefined;
      },
    },
    {
      check: 'deterministic',
      run() {
        const d = largestDifference(first().values, descend(plugin, params).values);
        return d !== 0 ? { failed: `two runs from one start differ by up to ${d.toPrecision(3)} after ${STEPS} steps` } : undefined;
      },
    },
    {
      check: 'elementwise honest (flat == per tensor)',
      run() {
        if (plugin.elementwise !== true) return { skipped: 'not elementwise: the harness updates each tensor on its own' };
        const a = first();
        if (a.fused !== true) return { failed: 'the updater did not fuse the weights' };
        const d = largestDifference(a.values, descend({ ...plugin, elementwise: false }, params).values);
        return d !== 0 ? { failed: `the flat update differs from the per-tensor one by up to ${d.toPrecision(3)}: its rule is not elementwise, set elementwise: false` } : undefined;
      },
    },
    {
      check: 'descent on the quadratic',
      run() {
        const f0 = loss(START);
        const f = loss(first().values);
        const what = `0.5 * sum(c * w^2) from ${f0.toPrecision(4)} to ${f.toPrecision(4)} in ${STEPS} steps`;
        return Number.isFinite(f) && f < f0 ? what : { failed: what };
      },
    },
  ];
}

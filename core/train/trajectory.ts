/**
 * Optimizer trajectories on 2-D test functions: `bench trajectory`. An optimizer plugin moves one weight
 * of shape [2] downhill on a known function; the path shows how the rule behaves and lets anyone check
 * it against another framework (tools/torch_trajectory.py does so for torch.optim).
 *
 * Precision: tfjs has no float64 tensors on any backend, so the path is computed in float32 (the
 * function, its gradient and the optimizer's state). Reported values are the function evaluated in
 * float64 at the float32 points.
 */
import type { OptimizerPlugin, Params, Slots } from '../plugin/contracts';
import { InputError } from '../util/errors';
import { resolveParams } from '../plugin/params';
import { Registry } from '../plugin/registry';
import * as tf from '../tf';

/** A 2-D test function, in tf ops (for gradients) and in plain float64 (for values and contours). */
export interface TestFunction {
  name: string;
  formula: string;
  /** A global minimiser. */
  minimum: [number, number];
  /** The region a plot shows by default: [[xmin, xmax], [ymin, ymax]]. */
  domain: [[number, number], [number, number]];
  tf(x: tf.Scalar, y: tf.Scalar): tf.Scalar;
  f(x: number, y: number): number;
}

/** The test functions by name. */
export const FUNCTIONS: Record<string, TestFunction> = {
  quadratic: {
    name: 'quadratic',
    formula: '0.5 * (x^2 + 10 y^2)',
    minimum: [0, 0],
    domain: [[-2, 2], [-2, 2]],
    tf: (x, y) => x.square().add(y.square().mul(10)).mul(0.5),
    f: (x, y) => 0.5 * (x * x + 10 * y * y),
  },
  rosenbrock: {
    name: 'rosenbrock',
    formula: '(1 - x)^2 + 100 (y - x^2)^2',
    minimum: [1, 1],
    domain: [[-2, 2], [-1, 3]],
    tf: (x, y) => tf.scalar(1).sub(x).square().add(y.sub(x.square()).square().mul(100)),
    f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  },
  beale: {
    name: 'beale',
    formula: '(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2',
    minimum: [3, 0.5],
    domain: [[-4.5, 4.5], [-4.5, 4.5]],
    tf: (x, y) => {
      const term = (c: number, k: number) => tf.scalar(c).sub(x).add(x.mul(y.pow(k))).square();
      return term(1.5, 1).add(term(2.25, 2)).add(term(2.625, 3));
    },
    f: (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
  },
  rastrigin: {
    name: 'rastrigin',
    formula: '20 + x^2 - 10 cos(2 pi x) + y^2 - 10 cos(2 pi y)',
    minimum: [0, 0],
    domain: [[-5.12, 5.12], [-5.12, 5.12]],
    tf: (x, y) => {
      const term = (v: tf.Scalar) => v.square().sub(v.mul(2 * Math.PI).cos().mul(10));
      return term(x).add(term(y)).add(20);
    },
    f: (x, y) => 20 + x * x - 10 * Math.cos(2 * Math.PI * x) + y * y - 10 * Math.cos(2 * Math.PI * y),
  },
};

/** What `runTrajectory` needs. */
export interface TrajectoryOptions {
  optimizer: OptimizerPlugin;
  /** Complete (validated) hyper-parameters. */
  params: Params;
  fn: TestFunction;
  start: [number, number];
  steps: number;
}

/** The path: points[0] is the start, points[k] the position after k steps; values[k] = f(points[k]). */
export interface Trajectory {
  optimizer: string;
  params: Params;
  function: string;
  /** Always float32: the precision the path was computed in. */
  dtype: 'float32';
  points: Array<[number, number]>;
  values: number[];
}

/** Runs `steps` optimizer steps from `start`, the learning rate fixed at params.lr; leaks no tensors. */
export function runTrajectory(o: TrajectoryOptions): Trajectory {
  const lr = o.params.lr;
  if (typeof lr !== 'number') throw new InputError(`optimizer "${o.optimizer.name}" has no numeric lr parameter`);
  const grad = tf.grad((w: tf.Tensor) => {
    const [x, y] = tf.split(w, 2); // split's gradient is 3x cheaper than gather's on the cpu backend
    return o.fn.tf(x!.reshape([]), y!.reshape([]));
  });
  let w: tf.Tensor = tf.tensor1d(o.start, 'float32');
  let slots: Slots = tf.tidy(() => o.optimizer.init(w, o.params));
  const points: Array<[number, number]> = [toPoint(w)];
  try {
    for (let t = 1; t <= o.steps; t++) {
      const step = tf.tidy(() => {
        const s = o.optimizer.update(grad(w), w, slots, t, lr, o.params);
        return { weight: s.weight, slots: s.slots };
      });
      for (const [k, s] of Object.entries(slots)) if (step.slots[k] !== s) s.dispose();
      w.dispose();
      w = step.weight;
      slots = step.slots;
      points.push(toPoint(w));
    }
  } finally {
    w.dispose();
    tf.dispose(Object.values(slots));
  }
  return {
    optimizer: o.optimizer.name,
    params: o.params,
    function: o.fn.name,
    dtype: 'float32',
    points,
    values: points.map(([x, y]) => o.fn.f(x, y)),
  };
}

function toPoint(w: tf.Tensor): [number, number] {
  const d = w.dataSync();
  return [d[0]!, d[1]!];
}

/** Looks up the optimizer and function and validates everything a user typed; throws InputError. */
export function trajectoryOptions(
  args: { optimizer: string; params?: string; function: string; start: string; steps: number },
  registry: Registry = Registry.builtIn(),
): TrajectoryOptions {
  const optimizer = registry.get('optimizer', args.optimizer);
  if (!optimizer) throw new InputError(`--optimizer: unknown optimizer "${args.optimizer}"${registry.suggest('optimizer', args.optimizer)}`);
  const fn = FUNCTIONS[args.function];
  if (!fn) throw new InputError(`--function: unknown function "${args.function}"; expected one of ${Object.keys(FUNCTIONS).join(', ')}`);
  let given: unknown = {};
  if (args.params !== undefined) {
    try {
      given = JSON.parse(args.params);
    } catch (e) {
      throw new InputError(`--params: not valid JSON (${(e as Error).message})`);
    }
    if (!given || typeof given !== 'object' || Array.isArray(given)) throw new InputError('--params: expected a JSON object, e.g. {"lr": 0.01}');
  }
  const { params, issues } = resolveParams(optimizer.params, given as Params, '--params');
  if (issues.length > 0) throw new InputError(`invalid hyper-parameters for "${optimizer.name}":\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  const start = args.start.split(',').map((s) => Number(s.trim()));
  if (start.length !== 2 || start.some((v) => !Number.isFinite(v))) throw new InputError(`--start: expected two numbers "x,y", got "${args.start}"`);
  if (!Number.isInteger(args.steps) || args.steps < 0) throw new InputError(`--steps: expected a non-negative integer, got ${args.steps}`);
  return { optimizer, params, fn, start: start as [number, number], steps: args.steps };
}

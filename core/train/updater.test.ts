/**
 * The weight updater (cpu backend): in-place updates, the fused flat update's op count, and the per-weight path
 * for weights without a gradient.
 */
import type { OptimizerPlugin } from '../plugin/contracts';
import { useBackend } from '../backends';
import { resolveParams } from '../plugin/params';
import { Registry } from '../plugin/registry';
import { createRng } from '../util/rng';
import * as tf from '../tf';
import { createUpdater } from './updater';

const registry = Registry.builtIn();
const SHAPES = [[3, 3, 1, 2], [2], [4, 3], [3]];

/** Settings that exercise every slot and branch of the built-in optimizers. */
const SETTINGS: Array<[string, Record<string, unknown>]> = [
  ['sgd', { lr: 0.1, weightDecay: 0.01 }],
  ['momentum', { lr: 0.05, momentum: 0.9, dampening: 0.1 }],
  ['nag', { lr: 0.05, momentum: 0.8 }],
  ['adagrad', { lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 }],
  ['adadelta', { lr: 1, rho: 0.8 }],
  ['rmsprop', { lr: 0.01, centered: true, momentum: 0.5 }],
  ['adam', { lr: 0.01, amsgrad: true, weightDecay: 0.01 }],
  ['adamw', { lr: 0.01, weightDecay: 0.1 }],
  ['adamax', { lr: 0.01 }],
  ['nadam', { lr: 0.01 }],
  ['lion', { lr: 0.001, weightDecay: 0.1 }],
];

function variables(seed: number, shapes = SHAPES): tf.Variable[] {
  const rng = createRng(seed);
  return shapes.map((s, i) => {
    const values = Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.next() - 0.5);
    const name = `w${seed}_${i}_${Math.round(rng.next() * 1e9)}`;
    return tf.tidy(() => tf.variable(tf.tensor(values, s), true, name));
  });
}

/** Runs `steps` steps with seeded gradients; returns the final weights' values. */
function train(plugin: OptimizerPlugin, params: Record<string, unknown>, steps: number, shapes = SHAPES): { values: Float32Array[]; fused: boolean | undefined } {
  const vars = variables(7, shapes);
  const rng = createRng(11, 'grads');
  const u = createUpdater(plugin, params, vars);
  for (let t = 1; t <= steps; t++) {
    tf.tidy(() => {
      const grads: tf.NamedTensorMap = {};
      for (const v of vars) grads[v.name] = tf.tensor(Array.from({ length: v.size }, () => 2 * rng.next() - 1), v.shape);
      u.step(grads, t, (params.lr as number) * (t === 3 ? 0.5 : 1));
    });
  }
  const values = vars.map((v) => v.dataSync() as Float32Array);
  const fused = u.fused;
  u.dispose();
  tf.dispose(vars);
  return { values, fused };
}

describe('weight updates (cpu backend)', () => {
  beforeAll(() => useBackend('cpu'));

  it.each(SETTINGS)('%s: the fused update equals the per-weight update bit for bit over 6 steps, and leaks nothing', (name, p) => {
    const plugin = registry.get('optimizer', name) as OptimizerPlugin;
    expect(plugin.elementwise).toBe(true);
    const params = paramsOf(plugin, p);
    const before = tf.memory().numTensors;
    const fused = train(plugin, params, 6);
    const perWeight = train({ ...plugin, elementwise: false }, params, 6);
    expect(tf.memory().numTensors).toBe(before);
    expect(fused.fused).toBe(true);
    expect(perWeight.fused).toBe(false);
    fused.values.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(perWeight.values[i]!)));
    // The weights moved.
    expect(Array.from(fused.values[0]!)).not.toEqual(Array.from(variablesValues()[0]!));
  });

  it('a single weight of rank 1 is updated in place of a copy, and disposing the updater keeps the variable', () => {
    const plugin = registry.get('optimizer', 'momentum') as OptimizerPlugin;
    const params = paramsOf(plugin, { lr: 0.1, momentum: 0.9 });
    const a = train(plugin, params, 3, [[5]]);
    const b = train({ ...plugin, elementwise: false }, params, 3, [[5]]);
    expect(a.fused).toBe(true);
    expect(Array.from(a.values[0]!)).toEqual(Array.from(b.values[0]!));
  });

  it('Adam on four weights: 14 ops for all of them, plus 2 reshapes, a concat, a split and 2 reshapes, in place of 4 x 14', async () => {
    const plugin = registry.get('optimizer', 'adam') as OptimizerPlugin;
    const params = paramsOf(plugin, { lr: 0.01 });
    const count = async (p: OptimizerPlugin) => {
      const vars = variables(3);
      const u = createUpdater(p, params, vars);
      const step = (t: number) =>
        tf.tidy(() => {
          const grads: tf.NamedTensorMap = {};
          for (const v of vars) grads[v.name] = tf.onesLike(v);
          u.step(grads, t, 0.01);
        });
      step(1);
      const info = await tf.profile(() => step(2));
      u.dispose();
      tf.dispose(vars);
      // Creating the gradients (OnesLike) is not the update's.
      return info.kernels.map((k) => k.name).filter((k) => k !== 'OnesLike');
    };
    const perWeight = await count({ ...plugin, elementwise: false });
    const fused = await count(plugin);
    expect(perWeight.length).toBe(4 * 14);
    expect(fused.length).toBe(14 + 6);
    expect(fused.filter((k) => k === 'Reshape').length).toBe(4);
    expect(fused.filter((k) => k === 'Concat' || k === 'SplitV').length).toBe(2);
  });

  it('a weight without a gradient in the first step selects the per-weight update, which leaves that weight alone', () => {
    const plugin = registry.get('optimizer', 'sgd') as OptimizerPlugin;
    const params = paramsOf(plugin, { lr: 0.1 });
    const vars = variables(5);
    const before = vars.map((v) => Array.from(v.dataSync()));
    const u = createUpdater(plugin, params, vars);
    tf.tidy(() => u.step({ [vars[0]!.name]: tf.onesLike(vars[0]!) }, 1, 0.1));
    expect(u.fused).toBe(false);
    expect(Array.from(vars[0]!.dataSync())).toEqual(before[0]!.map((x) => Math.fround(x + Math.fround(-0.1))));
    expect(Array.from(vars[1]!.dataSync())).toEqual(before[1]);
    u.dispose();
    tf.dispose(vars);
  });
});

function paramsOf(plugin: OptimizerPlugin, given: Record<string, unknown>): Record<string, unknown> {
  const { params, issues } = resolveParams(plugin.params, given, 'test');
  if (issues.length > 0) throw new Error(JSON.stringify(issues));
  return params;
}

function variablesValues(): Float32Array[] {
  const vars = variables(7);
  const out = vars.map((v) => v.dataSync() as Float32Array);
  tf.dispose(vars);
  return out;
}

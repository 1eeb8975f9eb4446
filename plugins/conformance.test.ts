/**
 * Conformance: every discovered plugin goes through the same checks, whatever its kind: it loads, its
 * hyper-parameter schema is valid with a default and a description for every parameter, the defaults
 * validate, its module has a doc comment, and it leaks no tensors. Rule-specific checks live beside
 * each kind (optimizers/*.test.ts, ...).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  ActivationPlugin,
  ForwardContext,
  InitializerPlugin,
  LayerRegularizerPlugin,
  OptimizerPlugin,
  PenaltyRegularizerPlugin,
  Plugin,
} from '../core/plugin/contracts';
import { useBackend } from '../core/backends';
import { defaultParams, resolveParams } from '../core/plugin/params';
import { pluginDir, Registry } from '../core/plugin/registry';
import * as tf from '../core/tf';

const registry = Registry.builtIn();
const all = registry.list();
const byKind = (k: Plugin['kind']) => all.filter((p) => p.kind === k).map((p) => [p.name, p] as const);

beforeAll(async () => {
  await useBackend('cpu');
});

it('every plugin module loads', () => {
  expect(registry.broken).toEqual([]);
});

it('the catalogue has every plugin the issue names', () => {
  const names = (k: Plugin['kind']) => byKind(k).map(([n]) => n).sort();
  expect(names('optimizer')).toEqual(['adadelta', 'adagrad', 'adam', 'adamax', 'adamw', 'lion', 'momentum', 'nadam', 'nag', 'rmsprop', 'sgd']);
  expect(names('regularizer')).toEqual(['batch-norm', 'dropout', 'l1', 'l2']);
  expect(names('initializer')).toEqual(['constant', 'glorot-normal', 'glorot-uniform', 'he-normal', 'he-uniform', 'lecun-normal', 'random-normal', 'random-uniform', 'zeros']);
  expect(names('activation')).toEqual(['elu', 'gelu', 'leaky-relu', 'relu', 'sigmoid', 'silu', 'softplus', 'tanh']);
});

describe.each(all.map((p) => [`${p.kind} ${p.name}`, p] as const))('%s', (_label, plugin) => {
  it('lives in a file of its own name that opens with a doc comment', () => {
    const file = path.join(pluginDir(plugin.kind), `${plugin.name}.ts`);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8').trimStart().startsWith('/**')).toBe(true);
  });

  it('declares every hyper-parameter with a default and a description; the defaults validate', () => {
    for (const [name, s] of Object.entries(plugin.params.properties)) {
      expect([name, 'default' in s]).toEqual([name, true]);
      expect([name, typeof s.description]).toEqual([name, 'string']);
    }
    const defaults = defaultParams(plugin.params);
    expect(Object.keys(defaults).sort()).toEqual(Object.keys(plugin.params.properties).sort());
    expect(resolveParams(plugin.params, structuredClone(defaults), '$').issues).toEqual([]);
  });

  it('rejects an unknown hyper-parameter, naming it', () => {
    expect(resolveParams(plugin.params, { notAParameter: 1 }, '$.p').issues).toEqual([{ path: '$.p.notAParameter', message: 'is not a known parameter' }]);
  });
});

describe.each(byKind('optimizer'))('optimizer %s', (_name, plugin) => {
  const o = plugin as OptimizerPlugin;
  it('with its defaults: moves against the gradient, leaks no tensors, returns tensors of the weight shape', () => {
    const p = defaultParams(o.params);
    const before = tf.memory().numTensors;
    const w0 = tf.tensor2d([[1, -1], [0.5, 2]]);
    let w: tf.Tensor = w0.clone();
    let slots = tf.tidy(() => o.init(w, p));
    for (let t = 1; t <= 3; t++) {
      const next = tf.tidy(() => {
        const r = o.update(w.mul(2), w, slots, t, p.lr as number, p); // gradient of sum(w^2)
        return { weight: r.weight, slots: r.slots };
      });
      for (const [k, s] of Object.entries(slots)) if (next.slots[k] !== s) s.dispose();
      w.dispose();
      w = next.weight;
      slots = next.slots;
      expect(w.shape).toEqual([2, 2]);
    }
    const shrunk = tf.tidy(() => w.square().sum().less(w0.square().sum()).dataSync()[0]);
    expect(shrunk).toBe(1);
    tf.dispose([w0, w, ...Object.values(slots)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe.each(byKind('initializer'))('initializer %s', (_name, plugin) => {
  const i = plugin as InitializerPlugin;
  it('fills the requested shape, reproducibly from the seed, without leaking', () => {
    const p = defaultParams(i.params);
    const before = tf.memory().numTensors;
    const ctx = { shape: [3, 3, 2, 4], fanIn: 18, fanOut: 36, seed: 123 };
    const a = tf.tidy(() => i.init(ctx, p));
    const b = tf.tidy(() => i.init(ctx, p));
    expect(a.shape).toEqual(ctx.shape);
    expect(a.dtype).toBe('float32');
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([a, b]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe.each(byKind('activation'))('activation %s', (_name, plugin) => {
  const a = plugin as ActivationPlugin;
  it('keeps the shape, has finite values and gradients, leaks nothing inside tidy', () => {
    const p = defaultParams(a.params);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor4d(Array.from({ length: 16 }, (_, k) => (k - 8) * 1.7), [2, 2, 2, 2]);
      const y = a.apply(x, p);
      expect(y.shape).toEqual(x.shape);
      expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
      expect(Array.from(tf.grad((v: tf.Tensor) => a.apply(v, p))(x).dataSync()).every(Number.isFinite)).toBe(true);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe.each(byKind('regularizer'))('regularizer %s', (_name, plugin) => {
  const train: ForwardContext = { training: true, nextSeed: () => 99 };
  const evaluation: ForwardContext = { training: false, nextSeed: () => 99 };
  if ((plugin as LayerRegularizerPlugin).role === 'layer') {
    const l = plugin as LayerRegularizerPlugin;
    it.each([
      ['dense', [6]],
      ['conv', [4, 4, 3]],
    ] as const)('as a layer at a %s site keeps the shape in training and evaluation; its variables are all it allocates', (placement, shape) => {
      const before = tf.memory().numTensors;
      const layer = l.createLayer({ placement, shape: [...shape], name: `conformance/${l.name}/${placement}` }, defaultParams(l.params));
      const own = layer.trainable.length + layer.state.length;
      expect(tf.memory().numTensors).toBe(before + own);
      tf.tidy(() => {
        const x = tf.randomNormal([5, ...shape], 0, 1, 'float32', 3);
        for (const ctx of [train, evaluation]) {
          const y = layer.apply(x, ctx);
          expect(y.shape).toEqual(x.shape);
          expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
        }
      });
      expect(tf.memory().numTensors).toBe(before + own);
      tf.dispose([...layer.trainable, ...layer.state]);
      expect(tf.memory().numTensors).toBe(before);
    });
  } else {
    const pen = plugin as PenaltyRegularizerPlugin;
    it('as a penalty returns a non-negative scalar, 0 for zero weights, leaking nothing', () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const p = defaultParams(pen.params);
        const v = pen.penalty({ kernels: [tf.tensor2d([[1, -2], [3, 0]])], biases: [tf.tensor1d([5])] }, p);
        expect(v.shape).toEqual([]);
        expect(v.dataSync()[0]).toBeGreaterThan(0);
        expect(pen.penalty({ kernels: [tf.zeros([2, 2])], biases: [] }, p).dataSync()[0]).toBe(0);
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

/** Dropout: drop rate, inverted scaling, identity in evaluation, fresh masks each step, same masks for the same seed. */
import type { ForwardContext, LayerRegularizerPlugin } from '../../core/plugin/contracts';
import { useBackend } from '../../core/backends';
import { createRng } from '../../core/util/rng';
import { Registry } from '../../core/plugin/registry';
import * as tf from '../../core/tf';

const dropout = Registry.builtIn().get('regularizer', 'dropout') as LayerRegularizerPlugin;
const layer = (rate: number) => dropout.createLayer({ placement: 'dense', shape: [100], name: 'd' }, { rate });
const ctx = (seed: number, training = true): ForwardContext => {
  const rng = createRng(seed, 'masks');
  return { training, nextSeed: () => rng.nextSeed() };
};

beforeAll(async () => {
  await useBackend('cpu');
});

const N = 200 * 100;
const ones = () => tf.ones([200, 100]);

it('drops a fraction rate of units and scales the rest by 1 / (1 - rate)', () => {
  for (const rate of [0.2, 0.5, 0.8]) {
    const y = tf.tidy(() => Array.from(layer(rate).apply(ones(), ctx(1)).dataSync()));
    const kept = y.filter((v) => v !== 0);
    expect(new Set(kept.map((v) => v.toFixed(5)))).toEqual(new Set([(1 / (1 - rate)).toFixed(5)]));
    // binomial sd of the dropped fraction: sqrt(rate (1 - rate) / N) < 0.0036; allow 5 sd
    expect(Math.abs((N - kept.length) / N - rate)).toBeLessThan(0.018);
    // the expectation is preserved
    expect(Math.abs(kept.reduce((a, b) => a + b, 0) / N - 1)).toBeLessThan(0.05);
  }
});

it('is the identity in evaluation and at rate 0', () => {
  const x = tf.tensor2d([[1, -2], [3, 4]]);
  expect(layer(0.5).apply(x, ctx(1, false))).toBe(x);
  expect(layer(0).apply(x, ctx(1))).toBe(x);
  x.dispose();
});

it('draws a new mask every step, and the same masks again for the same seed', () => {
  const l = layer(0.5);
  const masks = (seed: number) => {
    const c = ctx(seed);
    return [0, 1, 2].map(() => tf.tidy(() => Array.from(l.apply(ones(), c).dataSync())));
  };
  const a = masks(42);
  expect(a[0]).not.toEqual(a[1]);
  expect(a[1]).not.toEqual(a[2]);
  expect(masks(42)).toEqual(a);
  expect(masks(43)[0]).not.toEqual(a[0]);
});

it('leaks no tensors inside tidy and has no variables', () => {
  const l = layer(0.3);
  expect(l.trainable).toEqual([]);
  expect(l.state).toEqual([]);
  const before = tf.memory().numTensors;
  tf.tidy(() => {
    l.apply(ones(), ctx(3));
  });
  expect(tf.memory().numTensors).toBe(before);
});

it('passes gradients through kept units only, scaled', () => {
  const l = layer(0.5);
  const c = ctx(5);
  const y = tf.tidy(() => Array.from(l.apply(ones(), ctx(5)).dataSync()));
  const g = tf.tidy(() => Array.from(tf.grad((x: tf.Tensor) => l.apply(x, c).sum())(ones()).dataSync()));
  expect(g).toEqual(y); // d(sum(x * m / (1 - r)))/dx = m / (1 - r) = y at x = 1
});

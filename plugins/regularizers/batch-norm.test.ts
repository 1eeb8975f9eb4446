/** BatchNorm: training and evaluation outputs, running statistics and gradients against hand computation. */
import type { ForwardContext, LayerRegularizerPlugin } from '../../core/plugin/contracts';
import { useBackend } from '../../core/backends';
import { defaultParams } from '../../core/plugin/params';
import { Registry } from '../../core/plugin/registry';
import * as tf from '../../core/tf';

const bn = Registry.builtIn().get('regularizer', 'batch-norm') as LayerRegularizerPlugin;
const train: ForwardContext = { training: true, nextSeed: () => 1 };
const evaluation: ForwardContext = { training: false, nextSeed: () => 1 };
let n = 0;
const layer = (placement: 'conv' | 'dense', shape: number[], params = {}) =>
  bn.createLayer({ placement, shape, name: `bn-test-${++n}` }, { ...defaultParams(bn.params), ...params });

beforeAll(async () => {
  await useBackend('cpu');
});

describe('dense site: statistics over the batch axis', () => {
  // 4 rows, 2 channels. Channel 0: 1, 2, 3, 6 (mean 3, biased var 3.5, unbiased 14/3).
  // Channel 1: 0, 0, 4, 4 (mean 2, biased var 4, unbiased 16/3).
  const x = [[1, 0], [2, 0], [3, 4], [6, 4]];

  it('normalises with the batch mean and biased variance, and updates the running statistics by momentum 0.1', () => {
    const l = layer('dense', [2]);
    const y = tf.tidy(() => l.apply(tf.tensor2d(x), train).arraySync() as number[][]);
    const z = (v: number, m: number, s2: number) => (v - m) / Math.sqrt(s2 + 1e-5);
    x.forEach((row, i) => {
      expect(y[i]![0]).toBeCloseTo(z(row[0]!, 3, 3.5), 5);
      expect(y[i]![1]).toBeCloseTo(z(row[1]!, 2, 4), 5);
    });
    const [mean, variance] = l.state.map((v) => Array.from(v.dataSync()));
    expect(mean![0]).toBeCloseTo(0.1 * 3, 6);
    expect(mean![1]).toBeCloseTo(0.1 * 2, 6);
    expect(variance![0]).toBeCloseTo(0.9 + (0.1 * 14) / 3, 6);
    expect(variance![1]).toBeCloseTo(0.9 + (0.1 * 16) / 3, 6);
    tf.dispose([...l.trainable, ...l.state]);
  });

  it('uses the running statistics in evaluation and does not change them', () => {
    const l = layer('dense', [2], { momentum: 0.5 });
    tf.tidy(() => l.apply(tf.tensor2d(x), train)); // running mean [1.5, 1], var [0.5 + 7/3, 0.5 + 8/3]
    const rv = [0.5 + 7 / 3, 0.5 + 8 / 3];
    const y = tf.tidy(() => l.apply(tf.tensor2d([[3, 3]]), evaluation).arraySync() as number[][]);
    expect(y[0]![0]).toBeCloseTo((3 - 1.5) / Math.sqrt(rv[0]! + 1e-5), 5);
    expect(y[0]![1]).toBeCloseTo((3 - 1) / Math.sqrt(rv[1]! + 1e-5), 5);
    expect(Array.from(l.state[0]!.dataSync())).toEqual([1.5, 1]);
    tf.dispose([...l.trainable, ...l.state]);
  });

  it('running statistics approach the data statistics over repeated batches', () => {
    const l = layer('dense', [2]);
    for (let i = 0; i < 100; i++) tf.tidy(() => l.apply(tf.tensor2d(x), train));
    const [mean, variance] = l.state.map((v) => Array.from(v.dataSync()));
    // 1 - 0.9^100 = 0.99997
    expect(mean![0]).toBeCloseTo(3, 3);
    expect(variance![1]).toBeCloseTo(16 / 3, 3);
    tf.dispose([...l.trainable, ...l.state]);
  });

  it('gamma and beta scale and shift, and receive the gradients of the normalised input', () => {
    const l = layer('dense', [2]);
    const [gamma, beta] = l.trainable as [tf.Variable, tf.Variable];
    gamma.assign(tf.tensor1d([2, -1]));
    beta.assign(tf.tensor1d([0.5, 1]));
    const { value, grads } = tf.variableGrads(() => l.apply(tf.tensor2d(x), train).sum() as tf.Scalar, [gamma, beta]);
    // sum of a normalised column is 0, so the loss is 4 * beta summed; dL/dbeta = 4, dL/dgamma = sum(xhat) = 0.
    expect(value.dataSync()[0]).toBeCloseTo(4 * 1.5, 4);
    expect(Array.from(grads[beta.name]!.dataSync())).toEqual([4, 4]);
    Array.from(grads[gamma.name]!.dataSync()).forEach((g) => expect(Math.abs(g)).toBeLessThan(1e-5));
    tf.dispose([value, ...Object.values(grads), ...l.trainable, ...l.state]);
  });
});

describe('conv site: statistics over N, H, W per channel', () => {
  it('normalises each channel with its own mean and variance over batch and space', () => {
    const l = layer('conv', [2, 2, 2]);
    // Batch of 2, 2x2 spatial, 2 channels: channel 0 holds 0..7, channel 1 holds 10 * (0..7).
    const values = Array.from({ length: 8 }, (_, i) => [i, 10 * i]).flat();
    const y = tf.tidy(() => Array.from(l.apply(tf.tensor4d(values, [2, 2, 2, 2]), train).dataSync()));
    // mean 3.5, biased var 5.25 (and 100 times that for channel 1): both channels normalise to the same values.
    for (let i = 0; i < 8; i++) {
      expect(y[2 * i]!).toBeCloseTo((i - 3.5) / Math.sqrt(5.25 + 1e-5), 5);
      expect(y[2 * i + 1]!).toBeCloseTo((10 * i - 35) / Math.sqrt(525 + 1e-5), 5);
    }
    const [mean, variance] = l.state.map((v) => Array.from(v.dataSync()));
    expect(mean![1]).toBeCloseTo(3.5, 5);
    expect(variance![0]).toBeCloseTo(0.9 + (0.1 * 5.25 * 8) / 7, 5); // unbiased: n = 8 values per channel
    tf.dispose([...l.trainable, ...l.state]);
  });
});

describe('contract', () => {
  it('is a pre-activation layer placed after convolutions by default, with PyTorch defaults', () => {
    expect(bn.position).toBe('pre-activation');
    expect(bn.defaultPlacement).toEqual(['conv']);
    expect(defaultParams(bn.params)).toEqual({ momentum: 0.1, eps: 1e-5 });
  });
  it('creates its four variables and no other tensors; a training forward leaks nothing', () => {
    const before = tf.memory().numTensors;
    const l = layer('dense', [3]);
    expect(l.trainable.map((v) => v.name)).toEqual([`bn-test-${n}/gamma`, `bn-test-${n}/beta`]);
    expect(tf.memory().numTensors).toBe(before + 4);
    tf.tidy(() => {
      l.apply(tf.ones([2, 3]), train);
    });
    expect(tf.memory().numTensors).toBe(before + 4);
    tf.dispose([...l.trainable, ...l.state]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

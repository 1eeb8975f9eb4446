/** oneDNN max pooling with its workspace (tensorflow backend) against tf.maxPool and TensorFlow's MaxPoolGrad. */
import { useBackend } from '../backends';
import { nativeInstalled } from '../backends/testing';
import * as tf from '../tf';
import { maxPool } from './max-pool';

const describeNative = nativeInstalled() ? describe : describe.skip;

/** Output and input gradient of `pool` at `x` for the upstream gradient `dy` (seeded). */
function valueAndGrad(pool: (x: tf.Tensor4D) => tf.Tensor4D, x: tf.Tensor4D, seed: number): { y: Float32Array; dx: Float32Array } {
  return tf.tidy(() => {
    const y = pool(x);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', seed);
    const dx = tf.grad((t: tf.Tensor) => pool(t as tf.Tensor4D))(x, dy);
    return { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
  });
}

describeNative('max pooling on tensorflow (oneDNN with workspace)', () => {
  beforeAll(() => useBackend('tensorflow'));

  const cases: Array<[string, number[], number, number, 'valid' | 'same', 'random' | 'ties']> = [
    ['LeNet-5 pool 1', [4, 28, 28, 6], 2, 2, 'valid', 'random'],
    ['LeNet-5 pool 2 after relu: windows of equal zeros', [4, 10, 10, 16], 2, 2, 'valid', 'ties'],
    ['CIFAR CNN pool 1', [2, 32, 32, 16], 2, 2, 'valid', 'random'],
    ['3x3 windows, stride 2, odd size, same padding, small integers (ties inside windows)', [3, 7, 9, 5], 3, 2, 'same', 'ties'],
    ['overlapping 3x3 windows, stride 1', [2, 6, 6, 3], 3, 1, 'valid', 'ties'],
  ];

  // Where windows overlap (stride < size) an input's gradient is a sum over windows, added in another
  // order by oneDNN: equal to float32 rounding there, bit for bit elsewhere.
  it.each(cases)('%s: the values and the gradient of tf.maxPool', (_name, shape, size, stride, padding, kind) => {
    const x = tf.tidy(() => {
      const r = tf.randomNormal(shape, 0, 1, 'float32', 7);
      return kind === 'ties' ? r.mul(2).round().relu() : r;
    }) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const ours = valueAndGrad((t) => maxPool(t, size, stride, padding), x, 3);
    const ref = valueAndGrad((t) => tf.maxPool(t, size, stride, padding), x, 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(ours.y)).toEqual(Array.from(ref.y));
    if (stride >= size) expect(Array.from(ours.dx)).toEqual(Array.from(ref.dx));
    else ours.dx.forEach((v, i) => expect(Math.abs(v - ref.dx[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ref.dx[i]!))));
    if (kind === 'ties') expect(Array.from(x.dataSync()).filter((v) => v === 0).length).toBeGreaterThan(x.size / 3);
    x.dispose();
  });

  it('runs the oneDNN kernels, not MaxPool and MaxPoolGrad', async () => {
    const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
    const info = await tf.profile(() => tf.tidy(() => tf.grad((t: tf.Tensor) => maxPool(t as tf.Tensor4D, 2, 2).sum())(x)));
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain('BenchMaxPool');
    expect(names).toContain('BenchMaxPoolGrad');
    expect(names).not.toContain('MaxPool');
    expect(names).not.toContain('MaxPoolGrad');
    x.dispose();
  });
});

describe('max pooling elsewhere', () => {
  it('is tf.maxPool on the cpu backend', async () => {
    await useBackend('cpu');
    const x = tf.tensor4d([1, 5, 3, 4, 2, 8, 0, 7, 6], [1, 3, 3, 1]);
    expect(tf.tidy(() => maxPool(x, 2, 1).arraySync())).toEqual([[[[5], [8]], [[7], [8]]]]);
    x.dispose();
  });
});

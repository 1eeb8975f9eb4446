/** Batch normalisation in training: TensorFlow's fused kernels (native engine) against the tfjs composite. */
import { useBackend } from '../backends';
import { nativeInstalled } from '../backends/testing';
import { batchNormTraining } from './batch-norm';
import * as tf from '../tf';
import { maxRelativeError } from '../../test/helpers';

const describeNative = nativeInstalled() ? describe : describe.skip;

/** The composite by hand: moments over all axes but the last, normalisation, Bessel's correction. */
function composite(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number) {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const n = axes.reduce((k, a) => k * x.shape[a]!, 1);
  const { mean, variance } = tf.moments(x, axes);
  return { y: x.sub(mean).mul(variance.add(eps).rsqrt().mul(gamma)).add(beta), mean, unbiasedVariance: variance.mul(n / (n - 1)) };
}

/** Output, statistics, and the gradients of sum(y * w) for a fixed random w, as plain arrays. */
function run(f: typeof composite, x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D): number[][] {
  return tf.tidy(() => {
    const r = f(x, gamma, beta, 1e-5);
    const w = tf.randomNormal(x.shape, 0, 1, 'float32', 9);
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => f(a, b as tf.Tensor1D, c as tf.Tensor1D, 1e-5).y.mul(w).sum())([x, gamma, beta]);
    return [r.y, r.mean, r.unbiasedVariance, ...g].map((t) => Array.from(t.dataSync()));
  });
}

describeNative('batch norm on tensorflow (FusedBatchNormV3)', () => {
  beforeAll(() => useBackend('tensorflow'));

  it.each([
    ['conv site, LeNet-5 C1 size', [16, 28, 28, 6]],
    ['conv site, small', [3, 4, 5, 2]],
    ['dense site', [32, 84]],
  ])('%s %j: output, batch mean, unbiased variance and the gradients of x, gamma, beta as the composite, no leak', (_n, shape) => {
    const x = tf.randomNormal(shape as number[], 2, 3, 'float32', 1);
    const c = (shape as number[])[(shape as number[]).length - 1]!;
    const gamma = tf.randomNormal([c], 1, 0.5, 'float32', 2) as tf.Tensor1D;
    const beta = tf.randomNormal([c], 0, 1, 'float32', 3) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    const ours = run(batchNormTraining, x, gamma, beta);
    const ref = run(composite, x, gamma, beta);
    expect(tf.memory().numTensors).toBe(before);
    const names = ['y', 'mean', 'unbiased variance', 'dx', 'dgamma', 'dbeta'];
    ours.forEach((values, i) => {
      const error = maxRelativeError(values, ref[i]!);
      expect({ what: names[i], error: error < 2e-5 ? 'small' : error }).toEqual({ what: names[i], error: 'small' });
    });
    tf.dispose([x, gamma, beta]);
  });

  it('is one fused op forward and one backward', async () => {
    const x = tf.randomNormal([4, 3, 3, 2]);
    const gamma = tf.ones([2]) as tf.Tensor1D;
    const beta = tf.zeros([2]) as tf.Tensor1D;
    const info = await tf.profile(() => tf.tidy(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => batchNormTraining(a, b as tf.Tensor1D, beta, 1e-5).y.sum())([x, gamma])));
    const names = info.kernels.map((k) => k.name);
    expect(names.filter((n) => n === 'BenchFusedBatchNorm')).toHaveLength(1);
    expect(names.filter((n) => n === 'BenchFusedBatchNormGrad')).toHaveLength(1);
    expect(names).not.toContain('Rsqrt');
    tf.dispose([x, gamma, beta]);
  });
});

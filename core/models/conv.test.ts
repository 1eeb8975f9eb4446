/** The native convolution with bias (tensorflow backend) against tfjs' fused conv2d. */
import { useBackend } from '../backends';
import { nativeInstalled } from '../backends/testing';
import * as tf from '../tf';
import { conv2dBias } from './conv';
import { maxRelativeError } from '../../test/helpers';

const describeNative = nativeInstalled() ? describe : describe.skip;

describeNative('convolution with bias on tensorflow (Conv2D, BiasAdd)', () => {
  beforeAll(() => useBackend('tensorflow'));

  it.each([
    ['LeNet-5 C1', [8, 32, 32, 1], [5, 5, 1, 6], 1, 'valid'],
    ['LeNet-5 C3', [8, 14, 14, 6], [5, 5, 6, 16], 1, 'valid'],
    ['CIFAR CNN, same padding', [4, 16, 16, 16], [3, 3, 16, 32], 1, 'same'],
    ['stride 2, odd size, same padding', [3, 9, 7, 3], [3, 3, 3, 4], 2, 'same'],
  ] as const)('%s: value and the gradients of x, filter and bias equal tf.fused.conv2d to float32 rounding, no leak', (_n, xs, fs, stride, pad) => {
    const x = tf.randomNormal([...xs], 0, 1, 'float32', 1) as tf.Tensor4D;
    const f = tf.randomNormal([...fs], 0, 0.2, 'float32', 2) as tf.Tensor4D;
    const b = tf.randomNormal([fs[3]], 0, 1, 'float32', 3) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    const both = (conv: (x: tf.Tensor4D, f: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor) =>
      tf.tidy(() => {
        const y = conv(x, f, b);
        const w = tf.randomNormal(y.shape, 0, 1, 'float32', 4);
        const g = tf.grads((a: tf.Tensor, k: tf.Tensor, c: tf.Tensor) => conv(a as tf.Tensor4D, k as tf.Tensor4D, c as tf.Tensor1D).mul(w).sum())([x, f, b]);
        return [y, ...g].map((t) => Array.from(t.dataSync()));
      });
    const ours = both((a, k, c) => conv2dBias(a, k, c, stride, pad, false));
    const ref = both((a, k, c) => tf.fused.conv2d({ x: a, filter: k, bias: c, strides: stride, pad }));
    expect(tf.memory().numTensors).toBe(before);
    ours.forEach((values, i) => {
      const error = maxRelativeError(values, ref[i]!);
      expect(error).toBeLessThan(1e-5);
    });
    tf.dispose([x, f, b]);
  });

  it('computes no input gradient when only the weights need one (a first layer on data)', async () => {
    const x = tf.randomNormal([2, 8, 8, 1]) as tf.Tensor4D;
    const f = tf.variable(tf.randomNormal([3, 3, 1, 2]));
    const b = tf.variable(tf.zeros([2]));
    const info = await tf.profile(() => tf.tidy(() => tf.variableGrads(() => conv2dBias(x, f as tf.Tensor as tf.Tensor4D, b as tf.Tensor as tf.Tensor1D, 1, 'valid', true).sum(), [f, b])));
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain('BenchConv2D');
    // With oneDNN (TensorFlow's Linux x86 builds), filter and bias gradients are one primitive.
    if (names.includes('BenchConv2DFilterBiasGrad')) expect(names).not.toContain('Conv2DBackpropFilter');
    else expect(names).toEqual(expect.arrayContaining(['Conv2DBackpropFilter', 'BenchBiasAddGrad']));
    expect(names).not.toContain('Conv2DBackpropInput');
    expect(names).not.toContain('Add');
    tf.dispose([x, f, b]);
  });

  it('leaves nothing behind when only the filter gradient is asked for (the bias side is disposed after the pass)', async () => {
    const x = tf.randomNormal([2, 6, 6, 2]) as tf.Tensor4D;
    const f = tf.variable(tf.randomNormal([3, 3, 2, 3]));
    const b = tf.variable(tf.zeros([3]));
    const before = tf.memory().numTensors;
    const g = tf.tidy(() => tf.variableGrads(() => conv2dBias(x, f as tf.Tensor as tf.Tensor4D, b as tf.Tensor as tf.Tensor1D, 1, 'valid', true).sum(), [f]));
    expect(Object.keys(g.grads)).toEqual([f.name]);
    tf.dispose([g.value, ...Object.values(g.grads)]);
    await Promise.resolve();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, f, b]);
  });
});

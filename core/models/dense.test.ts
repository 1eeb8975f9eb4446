/** The native dense kernel (tensorflow backend) against tfjs' fused matMul. */
import { useBackend } from '../backends';
import { nativeInstalled } from '../backends/testing';
import * as tf from '../tf';
import { dense } from './dense';
import { maxRelativeError } from '../../test/helpers';

const describeNative = nativeInstalled() ? describe : describe.skip;

describeNative('dense layer on tensorflow (MatMul, BiasAdd)', () => {
  beforeAll(() => useBackend('tensorflow'));

  it.each([
    [64, 120, 84],
    [64, 84, 10],
    [7, 1024, 512],
  ])('rows %i, %i -> %i: value and the gradients of x, W and b equal tf.fused.matMul to float32 rounding, no leak', (rows, inDim, outDim) => {
    const x = tf.randomNormal([rows, inDim], 0, 1, 'float32', 1) as tf.Tensor2D;
    const w = tf.randomNormal([inDim, outDim], 0, 0.1, 'float32', 2) as tf.Tensor2D;
    const b = tf.randomNormal([outDim], 0, 1, 'float32', 3) as tf.Tensor1D;
    const dy = tf.randomNormal([rows, outDim], 0, 1, 'float32', 4);
    const before = tf.memory().numTensors;
    const both = (f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor) =>
      tf.tidy(() => {
        const y = f(x, w, b);
        const g = tf.grads((a: tf.Tensor, k: tf.Tensor, c: tf.Tensor) => f(a as tf.Tensor2D, k as tf.Tensor2D, c as tf.Tensor1D))([x, w, b], dy);
        return [y, ...g].map((t) => Array.from(t.dataSync()));
      });
    const ours = both(dense);
    const ref = both((a, k, c) => tf.fused.matMul({ a, b: k, bias: c }));
    expect(tf.memory().numTensors).toBe(before);
    ours.forEach((values, i) => {
      const error = maxRelativeError(values, ref[i]!);
      expect(error).toBeLessThan(1e-6);
    });
    tf.dispose([x, w, b, dy]);
  });

  it('takes 2 ops forward, and backward only the gradients asked for: no reshapes, no BatchMatMul', async () => {
    const x = tf.randomNormal([4, 6]) as tf.Tensor2D;
    const w = tf.variable(tf.randomNormal([6, 3]));
    const b = tf.variable(tf.zeros([3]));
    const info = await tf.profile(() => tf.tidy(() => tf.variableGrads(() => dense(x, w as tf.Tensor as tf.Tensor2D, b as tf.Tensor as tf.Tensor1D).sum(), [w, b])));
    const names = info.kernels.map((k) => k.name);
    expect(names.filter((n) => n === 'BenchDense')).toHaveLength(1);
    // W's gradient is one MatMul; x is data, so there is no MatMul for its gradient.
    expect(names.filter((n) => n === 'BenchMatMul')).toHaveLength(1);
    expect(names.filter((n) => n === 'BenchBiasAddGrad')).toHaveLength(1);
    expect(names).not.toContain('BatchMatMul');
    expect(names.filter((n) => n === 'Reshape').length).toBeLessThanOrEqual(1); // the loss' sum gradient
    tf.dispose([x, w, b]);
  });
});

/** The fused softmax cross-entropy of the tensorflow backend against tfjs' composite and hand values. */
import { useBackend } from '../backends';
import { nativeInstalled } from '../backends/testing';
import { softmaxCrossEntropy } from './loss';
import { createRng } from '../util/rng';
import * as tf from '../tf';

const native = nativeInstalled();
const describeNative = native ? describe : describe.skip;

/** Logits of 6 rows x 10 classes, some rows far from 0 (log-sum-exp must not overflow), and one-hot labels. */
function batch(): { logits: tf.Tensor2D; labels: tf.Tensor2D; z: number[]; y: number[] } {
  const rng = createRng(5, 'test');
  const scale = [1, 1, 10, 50, 100, 0.01];
  const z = scale.flatMap((s) => Array.from({ length: 10 }, () => Math.fround(s * (2 * rng.next() - 1))));
  const y = scale.flatMap((_, r) => Array.from({ length: 10 }, (_, c) => (c === (r * 3) % 10 ? 1 : 0)));
  return { logits: tf.tensor2d(z, [6, 10]), labels: tf.tensor2d(y, [6, 10]), z, y };
}

/** The mean loss and its gradient in float64, from the float32 logits. */
function exact(z: number[], y: number[]): { value: number; grad: number[] } {
  const rows = z.length / 10;
  let value = 0;
  const grad: number[] = [];
  for (let r = 0; r < rows; r++) {
    const zr = z.slice(r * 10, r * 10 + 10);
    const max = Math.max(...zr);
    const sum = zr.reduce((a, v) => a + Math.exp(v - max), 0);
    const lse = max + Math.log(sum);
    zr.forEach((v, c) => {
      value += (y[r * 10 + c]! * (lse - v)) / rows;
      grad.push((Math.exp(v - max) / sum - y[r * 10 + c]!) / rows);
    });
  }
  return { value, grad };
}

/** Loss and gradient of `loss` with respect to the logits. */
function valueAndGrad(loss: (labels: tf.Tensor, logits: tf.Tensor) => tf.Scalar, { logits, labels }: ReturnType<typeof batch>) {
  const { value, grad } = tf.valueAndGrad((z: tf.Tensor) => loss(labels, z))(logits);
  const out = { value: value.dataSync()[0]!, grad: Array.from(grad.dataSync()) };
  tf.dispose([value, grad]);
  return out;
}

describe('softmax cross-entropy (cpu backend: tfjs composite)', () => {
  beforeAll(() => useBackend('cpu'));

  it('equals -log softmax of the true class, averaged, by hand for two rows', () => {
    const logits = tf.tensor2d([[1, 2, 3], [0, 0, 0]]);
    const labels = tf.tensor2d([[0, 0, 1], [1, 0, 0]]);
    const l = softmaxCrossEntropy(labels, logits);
    const row0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
    const row1 = Math.log(3);
    expect(l.dataSync()[0]).toBeCloseTo((row0 + row1) / 2, 6);
    expect(softmaxCrossEntropy(labels, logits, 'sum').dataSync()[0]).toBeCloseTo(row0 + row1, 6);
    tf.dispose([logits, labels, l]);
  });
});

describeNative('softmax cross-entropy (tensorflow backend: one SoftmaxCrossEntropyWithLogits op)', () => {
  beforeAll(() => useBackend('tensorflow'));

  it('is as close to the float64 loss and gradient as tfjs composite or closer, in 1 op forward and 1 backward, and leaks nothing', async () => {
    const b = batch();
    const truth = exact(b.z, b.y);
    const before = tf.memory().numTensors;
    const composite = valueAndGrad((y, z) => tf.losses.softmaxCrossEntropy(y, z) as tf.Scalar, b);
    const ours = valueAndGrad((y, z) => softmaxCrossEntropy(y, z), b);
    const summed = valueAndGrad((y, z) => softmaxCrossEntropy(y, z, 'sum'), b);
    expect(tf.memory().numTensors).toBe(before);
    const gradError = (g: number[]) => Math.max(...g.map((v, i) => Math.abs(v - truth.grad[i]!)));
    expect(Math.abs(ours.value - truth.value) / truth.value).toBeLessThan(1e-6);
    expect(Math.abs(summed.value - 6 * truth.value) / truth.value).toBeLessThan(6e-6);
    // Gradient entries of the mean lie in [-1/6, 1/6]: a few float32 ulps.
    expect(gradError(ours.grad)).toBeLessThan(1e-7);
    expect(gradError(summed.grad.map((g) => g / 6))).toBeLessThan(1e-7);
    expect(gradError(ours.grad)).toBeLessThanOrEqual(gradError(composite.grad));
    expect(Math.abs(ours.value - composite.value) / truth.value).toBeLessThan(1e-6);
    const profile = await tf.profile(() => tf.tidy(() => valueAndGrad((y, z) => softmaxCrossEntropy(y, z), b)));
    const names = profile.kernels.map((k) => k.name);
    // Forward: the fused op, the mean (tfjs' Mean casts its input first; Identity and the customGrad
    // marker 'forward' run no TensorFlow op); backward: dy / rows and one multiplication. tfjs'
    // composite takes Max, Sub, Exp, Sum, Log, Sub, Mul, Neg, Sum, Sum, RealDiv and their gradients.
    expect(names).toEqual(['BenchSoftmaxXent', 'Identity', 'Cast', 'Mean', 'forward', 'RealDiv', 'Multiply']);
    tf.dispose([b.logits, b.labels]);
  });
});

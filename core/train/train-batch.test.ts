/** batchGradients: the full-batch gradient accumulated over chunks equals the one-pass gradient; the penalty is kept apart. */
import { useBackend } from '../backends';
import * as tf from '../tf';
import { batchGradients } from './gradients';

beforeAll(async () => {
  await useBackend('cpu');
});

// A linear least-squares model over 10 rows: objective = mean((x w + b - y)^2) + penalty 0.1 * sum(w^2).
const X = tf.tensor2d(Array.from({ length: 30 }, (_, i) => Math.sin(i + 1)), [10, 3]);
const Y = tf.tensor1d(Array.from({ length: 10 }, (_, i) => Math.cos(i)));

function lossOf(w: tf.Variable, b: tf.Variable) {
  return (part: Int32Array) => {
    const idx = tf.tensor1d(part, 'int32');
    const pred = tf.gather(X, idx).matMul(w).reshape([-1]).add(b);
    const err = pred.sub(tf.gather(Y, idx));
    return { loss: err.square().mean() as tf.Scalar, penalty: w.square().sum().mul(0.1) as tf.Scalar, correct: err.abs().less(0.5).sum() as tf.Scalar };
  };
}

it('chunks of 3, 4 and 10 rows give the gradient, loss sum, penalty and correct count of one pass', () => {
  const w = tf.variable(tf.tensor2d([[0.3], [-0.2], [0.5]]), true, 'bg-w');
  const b = tf.variable(tf.scalar(0.1), true, 'bg-b');
  const rows = Int32Array.from({ length: 10 }, (_, i) => (i * 7) % 10);
  const read = (r: ReturnType<typeof batchGradients>) => {
    const out = {
      loss: r.loss.dataSync()[0]!,
      penalty: r.penalty!.dataSync()[0]!,
      correct: r.correct.dataSync()[0]!,
      w: Array.from(r.grads[w.name]!.dataSync()),
      b: r.grads[b.name]!.dataSync()[0]!,
    };
    tf.dispose([r.loss, r.penalty!, r.correct, ...Object.values(r.grads)]);
    return out;
  };
  const before = tf.memory().numTensors;
  const one = read(batchGradients(rows, Infinity, [w, b], lossOf(w, b)));
  for (const chunk of [3, 4, 10]) {
    const c = read(batchGradients(rows, chunk, [w, b], lossOf(w, b)));
    expect(c.loss).toBeCloseTo(one.loss, 5);
    expect(c.penalty).toBeCloseTo(one.penalty, 5);
    expect(c.correct).toBe(one.correct);
    c.w.forEach((g, i) => expect(g).toBeCloseTo(one.w[i]!, 6));
    expect(c.b).toBeCloseTo(one.b, 6);
  }
  expect(tf.memory().numTensors).toBe(before);
  // loss is the data loss summed over rows; penalty is the penalty times rows (0.1 * 0.38 * 10)
  const sse = tf.tidy(() => X.matMul(w).reshape([-1]).add(b).sub(Y).square().sum().dataSync()[0]!);
  expect(one.loss).toBeCloseTo(sse, 5);
  expect(one.penalty).toBeCloseTo(0.38, 5);
  // and the one-pass gradient is the closed form: 2/n X^T (Xw + b - y) + 0.2 w
  const [gw, gb] = tf.tidy(() => {
    const err = X.matMul(w).reshape([-1]).add(b).sub(Y);
    return [Array.from(X.transpose().matMul(err.reshape([-1, 1])).mul(0.2).add(w.mul(0.2)).dataSync()), err.sum().mul(0.2).dataSync()[0]!];
  });
  one.w.forEach((g, i) => expect(g).toBeCloseTo(gw[i]!, 5));
  expect(one.b).toBeCloseTo(gb as number, 5);
  tf.dispose([w, b]);
});

/** L2 and L1 penalties: exact values, biases excluded by default, and L2's relation to torch's weight_decay. */
import type { OptimizerPlugin, PenaltyRegularizerPlugin } from '../../core/plugin/contracts';
import { useBackend } from '../../core/backends';
import { defaultParams } from '../../core/plugin/params';
import { Registry } from '../../core/plugin/registry';
import * as tf from '../../core/tf';

const registry = Registry.builtIn();
const l2 = registry.get('regularizer', 'l2') as PenaltyRegularizerPlugin;
const l1 = registry.get('regularizer', 'l1') as PenaltyRegularizerPlugin;

beforeAll(async () => {
  await useBackend('cpu');
});

const weights = () => ({ kernels: [tf.tensor2d([[1, -2], [0.5, 0]]), tf.tensor1d([3])], biases: [tf.tensor1d([10, -10])] });

it('l2 = lambda * sum of squared kernel weights; biases only when asked', () => {
  const w = weights();
  expect(l2.penalty(w, { lambda: 0.1, includeBiases: false }).dataSync()[0]).toBeCloseTo(0.1 * (1 + 4 + 0.25 + 9), 6);
  expect(l2.penalty(w, { lambda: 0.1, includeBiases: true }).dataSync()[0]).toBeCloseTo(0.1 * (14.25 + 200), 5);
  expect(l2.penalty(w, { lambda: 0, includeBiases: false }).dataSync()[0]).toBe(0);
  expect(defaultParams(l2.params)).toEqual({ lambda: 0.0005, includeBiases: false });
});

it('l1 = lambda * sum of absolute kernel weights; biases only when asked', () => {
  const w = weights();
  expect(l1.penalty(w, { lambda: 0.1, includeBiases: false }).dataSync()[0]).toBeCloseTo(0.1 * 6.5, 6);
  expect(l1.penalty(w, { lambda: 0.1, includeBiases: true }).dataSync()[0]).toBeCloseTo(0.1 * 26.5, 5);
  expect(defaultParams(l1.params)).toEqual({ lambda: 0.0001, includeBiases: false });
});

it('gradients: 2 lambda w for l2, lambda sign(w) for l1 (0 at 0)', () => {
  const k = tf.tensor1d([1, -2, 0.5, 0]);
  const g2 = tf.grad((x: tf.Tensor) => l2.penalty({ kernels: [x], biases: [] }, { lambda: 0.1, includeBiases: false }))(k);
  const g1 = tf.grad((x: tf.Tensor) => l1.penalty({ kernels: [x], biases: [] }, { lambda: 0.1, includeBiases: false }))(k);
  Array.from(g2.dataSync()).forEach((g, i) => expect(g).toBeCloseTo([0.2, -0.4, 0.1, 0][i]!, 6));
  Array.from(g1.dataSync()).forEach((g, i) => expect(g).toBeCloseTo([0.1, -0.1, 0.1, 0][i]!, 6));
});

it('SGD on loss + l2(lambda) steps exactly as SGD with torch-style weightDecay = 2 lambda', () => {
  const sgd = registry.get('optimizer', 'sgd') as OptimizerPlugin;
  const w = tf.tensor1d([1, -2]);
  const lossGrad = tf.tensor1d([0.3, 0.1]);
  const viaPenalty = tf.tidy(() => {
    const g = tf.grad((x: tf.Tensor) => x.mul(lossGrad).sum().add(l2.penalty({ kernels: [x], biases: [] }, { lambda: 0.05, includeBiases: false })))(w);
    return Array.from(sgd.update(g, w, {}, 1, 0.1, { ...defaultParams(sgd.params), lr: 0.1 }).weight.dataSync());
  });
  const viaDecay = tf.tidy(() => Array.from(sgd.update(lossGrad, w, {}, 1, 0.1, { ...defaultParams(sgd.params), lr: 0.1, weightDecay: 0.1 }).weight.dataSync()));
  viaPenalty.forEach((v, i) => expect(v).toBeCloseTo(viaDecay[i]!, 6));
});

it('leak no tensors inside tidy', () => {
  const w = weights();
  const before = tf.memory().numTensors;
  tf.tidy(() => {
    l2.penalty(w, { lambda: 0.1, includeBiases: true });
    l1.penalty(w, { lambda: 0.1, includeBiases: true });
  });
  expect(tf.memory().numTensors).toBe(before);
});

/**
 * L1 penalty (as in the lasso, Tibshirani, 1996): the training loss becomes
 *
 *   loss + lambda * sum of |w| over every kernel (and every bias when includeBiases)
 *
 * summed over all elements, as Keras' and tfjs' l1 regularizer. Its subgradient adds lambda * sign(w),
 * with sign(0) = 0 as torch's abs gradient. Difference: tfjs' own abs gradient is -1 at 0 (step(x, -1)),
 * which would push exact zeros negative; a custom gradient here uses sign(w). Plain (sub)gradient steps
 * oscillate around zero rather than land on it. torch has no built-in L1 option.
 */
import type { PenaltyRegularizerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';
import type { PenaltyParams } from './l2';

/** sum(|w|) with the subgradient sign(w), 0 at 0. */
const absSum = tf.customGrad(((w: tf.Tensor, save: tf.GradSaveFunc) => {
  save([w]);
  return { value: w.abs().sum() as tf.Scalar, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => dy.mul(saved[0]!.sign()) };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (w: tf.Tensor) => tf.Scalar;

const l1: PenaltyRegularizerPlugin<PenaltyParams> = {
  name: 'l1',
  kind: 'regularizer',
  role: 'penalty',
  summary: 'L1 penalty lambda * sum(|w|) over kernels, added to the loss',
  params: {
    type: 'object',
    properties: {
      lambda: { type: 'number', minimum: 0, default: 0.0001, description: 'penalty factor: loss + lambda * sum(|w|)' },
      includeBiases: { type: 'boolean', default: false, description: 'penalise biases too' },
    },
  },
  penalty({ kernels, biases }, p) {
    const ws = p.includeBiases ? [...kernels, ...biases] : kernels;
    if (ws.length === 0 || p.lambda === 0) return tf.scalar(0);
    return tf.addN(ws.map((w) => absSum(w))).mul(p.lambda) as tf.Scalar;
  },
};

export default l1;

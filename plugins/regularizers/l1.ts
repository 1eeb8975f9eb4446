/**
 * L1 penalty (as in the lasso, Tibshirani, 1996): the training loss becomes
 *
 *   loss + lambda * sum of |w| over every kernel (and every bias when includeBiases)
 *
 * summed over all elements, as Keras' and tfjs' l1 regularizer. Its (sub)gradient adds lambda * sign(w),
 * 0 at w = 0 (tfjs' abs gradient, as torch's). It pushes weights to exactly zero only in expectation:
 * plain (sub)gradient steps oscillate around zero rather than land on it. torch has no built-in L1 option.
 */
import type { PenaltyRegularizerPlugin } from '../../core/contracts';
import * as tf from '../../core/tf';
import type { PenaltyParams } from './l2';

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
    return tf.addN(ws.map((w) => w.abs().sum())).mul(p.lambda) as tf.Scalar;
  },
};

export default l1;

/**
 * L2 penalty (weight decay as a loss term; Krogh & Hertz, 1992): the training loss becomes
 *
 *   loss + lambda * sum of w^2 over every kernel (and every bias when includeBiases)
 *
 * with the sum over all elements (not halved, not averaged), as Keras' and tfjs' l2 regularizer. Its
 * gradient adds 2 * lambda * w, so for plain SGD and for Adam's coupled decay, lambda = weightDecay / 2
 * is torch's `weight_decay` (torch adds weightDecay * w to the gradient). Biases and BatchNorm's
 * gamma/beta are excluded by default, as is usual (torch's weight_decay applies to every parameter in
 * its group unless excluded by hand). For decoupled decay use adamw or lion's weightDecay instead.
 */
import type { PenaltyRegularizerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

/** Hyper-parameters of `l2` and `l1`. */
export interface PenaltyParams extends Record<string, unknown> {
  lambda: number;
  includeBiases: boolean;
}

const l2: PenaltyRegularizerPlugin<PenaltyParams> = {
  name: 'l2',
  kind: 'regularizer',
  role: 'penalty',
  summary: 'L2 penalty lambda * sum(w^2) over kernels, added to the loss',
  params: {
    type: 'object',
    properties: {
      lambda: { type: 'number', minimum: 0, default: 0.0005, description: 'penalty factor: loss + lambda * sum(w^2); torch weight_decay = 2 * lambda' },
      includeBiases: { type: 'boolean', default: false, description: 'penalise biases too' },
    },
  },
  penalty({ kernels, biases }, p) {
    const ws = p.includeBiases ? [...kernels, ...biases] : kernels;
    if (ws.length === 0 || p.lambda === 0) return tf.scalar(0);
    return tf.addN(ws.map((w) => w.square().sum())).mul(p.lambda) as tf.Scalar;
  },
};

export default l2;

/**
 * Heavy-ball momentum (Polyak, 1964), as torch.optim.SGD(momentum=0.9):
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   b_1 = g_1;  b_t = momentum * b_{t-1} + (1 - dampening) * g_t
 *   w_t = w_{t-1} - lr * b_t
 *
 * Equal to `sgd` with the same momentum; momentum 0 is plain SGD.
 * Differences: tf.train.momentum starts its buffer at zero and has no dampening (b_1 = g_1 in both);
 * torch has no optimizer of this name: it is SGD with momentum, and its default momentum is 0, here 0.9.
 */
import { addWeightDecay, chain, optimizer, scaleByLr, trace } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `momentum`. */
export interface MomentumParams extends Record<string, unknown> {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
}

export default optimizer<MomentumParams>({
  name: 'momentum',
  summary: 'SGD with heavy-ball momentum (torch.optim.SGD with momentum 0.9)',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(0.001),
      momentum: { type: 'number', minimum: 0, default: 0.9, description: 'momentum factor' },
      dampening: P.fraction(0, 'dampening for momentum'),
      weightDecay: P.weightDecay(),
    },
  },
  transform: (p) => chain(addWeightDecay(p.weightDecay), trace(p.momentum, p.dampening), scaleByLr),
});

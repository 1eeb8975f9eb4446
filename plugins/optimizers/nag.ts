/**
 * Nesterov accelerated gradient (Nesterov, 1983), in the form of Sutskever et al. (2013) that
 * torch.optim.SGD(momentum=0.9, nesterov=True) uses:
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   b_1 = g_1;  b_t = momentum * b_{t-1} + g_t
 *   w_t = w_{t-1} - lr * (g_t + momentum * b_t)
 *
 * Equal to `sgd` with nesterov true and the same momentum.
 * Differences: tfjs has no NAG of its own (tf.train.momentum with useNesterov steps the same way, with its
 * buffer starting at zero, which gives the same b_1 = g_1); torch requires momentum > 0 and dampening 0,
 * which this plugin's schema enforces by having no dampening and momentum > 0.
 */
import { addWeightDecay, chain, optimizer, scaleByLr, trace } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `nag`. */
export interface NagParams extends Record<string, unknown> {
  lr: number;
  momentum: number;
  weightDecay: number;
}

export default optimizer<NagParams>({
  name: 'nag',
  summary: 'Nesterov accelerated gradient (torch.optim.SGD with momentum 0.9, nesterov)',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(0.001),
      momentum: { type: 'number', exclusiveMinimum: 0, default: 0.9, description: 'momentum factor' },
      weightDecay: P.weightDecay(),
    },
  },
  transform: (p) => chain(addWeightDecay(p.weightDecay), trace(p.momentum, 0, true), scaleByLr),
});

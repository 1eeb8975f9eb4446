/**
 * RMSprop (Hinton, 2012, Coursera lecture 6e; centred form: Graves, 2013), plain, centred or with
 * momentum, exactly as torch.optim.RMSprop:
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   v_t = alpha * v_{t-1} + (1 - alpha) * g_t^2
 *   c_t = alpha * c_{t-1} + (1 - alpha) * g_t                 (centered only)
 *   d_t = g_t / (sqrt(v_t - c_t^2) + eps)                     (centered; else g_t / (sqrt(v_t) + eps))
 *   b_t = momentum * b_{t-1} + d_t                            (momentum > 0; b_0 = 0; else b_t = d_t)
 *   w_t = w_{t-1} - lr * b_t
 *
 * Relation: with momentum 0, not centred, RMSprop(alpha) is Adam with beta1 = 0, beta2 = alpha and no
 * bias correction of the second moment.
 * Differences: tf.train.rmsprop (decay 0.9, epsilon 1e-7) puts epsilon inside the square root,
 * sqrt(v_t + eps), its centred form uses sqrt(v_t - (c_t^2 + eps)), i.e. subtracts epsilon, and it
 * folds lr into the momentum buffer; torch's defaults are kept (lr 0.01, alpha 0.99, eps 1e-8).
 */
import { addWeightDecay, chain, optimizer, scaleByLr, scaleByRms, trace } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `rmsprop`. */
export interface RmspropParams extends Record<string, unknown> {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
}

export default optimizer<RmspropParams>({
  name: 'rmsprop',
  summary: 'RMSprop, plain, centred or with momentum, as torch.optim.RMSprop',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(0.01),
      alpha: P.fraction(0.99, 'decay rate of the mean square of gradients'),
      eps: P.eps(1e-8),
      weightDecay: P.weightDecay(),
      momentum: { type: 'number', minimum: 0, default: 0, description: 'momentum factor' },
      centered: P.flag(false, 'divide by the estimated variance of the gradient instead of its mean square'),
    },
  },
  transform: (p) => chain(addWeightDecay(p.weightDecay), scaleByRms(p.alpha, p.eps, p.centered), trace(p.momentum), scaleByLr),
});

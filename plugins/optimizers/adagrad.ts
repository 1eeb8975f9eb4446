/**
 * AdaGrad (Duchi, Hazan & Singer, 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization"), exactly as torch.optim.Adagrad:
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   s_t = s_{t-1} + g_t^2                        (s_0 = initialAccumulatorValue)
 *   w_t = w_{t-1} - lr / (1 + (t - 1) * lrDecay) * g_t / (sqrt(s_t) + eps)
 *
 * Differences: tf.train.adagrad starts the accumulator at 0.1 (so its first steps are much shorter),
 * puts its epsilon (1e-7) inside the square root, sqrt(s_t + eps), and has no lrDecay or weight decay;
 * torch's defaults are kept (lr 0.01, accumulator 0, eps 1e-10).
 */
import { addWeightDecay, chain, optimizer, scaleByAdagrad, scaleByLr } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `adagrad`. */
export interface AdagradParams extends Record<string, unknown> {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
}

export default optimizer<AdagradParams>({
  name: 'adagrad',
  summary: 'AdaGrad: per-coordinate steps scaled by the root of summed squared gradients, as torch.optim.Adagrad',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(0.01),
      lrDecay: { type: 'number', minimum: 0, default: 0, description: 'learning-rate decay: lr / (1 + (t - 1) * lrDecay)' },
      weightDecay: P.weightDecay(),
      initialAccumulatorValue: { type: 'number', minimum: 0, default: 0, description: 'starting value of the sum of squared gradients' },
      eps: P.eps(1e-10),
    },
  },
  transform: (p) => chain(addWeightDecay(p.weightDecay), scaleByAdagrad(p.eps, p.initialAccumulatorValue, p.lrDecay), scaleByLr),
});

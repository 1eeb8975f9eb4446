/**
 * Adamax, Adam with the infinity norm (Kingma & Ba, 2015, section 7.1), exactly as torch.optim.Adamax:
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
 *   u_t = max(beta2 * u_{t-1}, |g_t| + eps)
 *   w_t = w_{t-1} - lr / (1 - beta1^t) * m_t / u_t
 *
 * Differences: tf.train.adamax takes max(beta2 * u, |g|) and adds epsilon (1e-7) to the denominator
 * afterwards, and has a `decay` of the learning rate instead of weight decay; torch's defaults are kept
 * (lr 0.002).
 */
import { addWeightDecay, chain, optimizer, scaleByAdamax, scaleByLr } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `adamax`. */
export interface AdamaxParams extends Record<string, unknown> {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}

export default optimizer<AdamaxParams>({
  name: 'adamax',
  summary: 'Adamax (Adam with the infinity norm), as torch.optim.Adamax',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(0.002),
      betas: P.betas([0.9, 0.999], 'decay rates of the first moment and of the infinity norm'),
      eps: P.eps(1e-8, 'added to |g| inside the maximum'),
      weightDecay: P.weightDecay(),
    },
  },
  transform: (p) => chain(addWeightDecay(p.weightDecay), scaleByAdamax(p.betas, p.eps), scaleByLr),
});

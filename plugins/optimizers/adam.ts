/**
 * Adam (Kingma & Ba, 2015, "Adam: A Method for Stochastic Optimization"), with the AMSGrad variant
 * (Reddi, Kale & Kumar, 2018), exactly as torch.optim.Adam:
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
 *   v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
 *   vmax_t = max(vmax_{t-1}, v_t)                                         (amsgrad only; else vmax_t = v_t)
 *   w_t = w_{t-1} - lr / (1 - beta1^t) * m_t / (sqrt(vmax_t) / sqrt(1 - beta2^t) + eps)
 *
 * Differences: tf.train.adam has the same rule with epsilon 1e-7 by default, and has neither amsgrad nor
 * weight decay; weightDecay here is coupled (L2 in the gradient) as in torch; see adamw for the
 * decoupled form.
 */
import { addWeightDecay, chain, optimizer, scaleByAdam, scaleByLr } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `adam`. */
export interface AdamParams extends Record<string, unknown> {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
}

export default optimizer<AdamParams>({
  name: 'adam',
  summary: 'Adam with bias correction and optional AMSGrad, as torch.optim.Adam',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(0.001),
      betas: P.betas([0.9, 0.999]),
      eps: P.eps(1e-8),
      weightDecay: P.weightDecay(),
      amsgrad: P.flag(false, 'use the maximum of past second moments (AMSGrad)'),
    },
  },
  transform: (p) => chain(addWeightDecay(p.weightDecay), scaleByAdam(p.betas, p.eps, p.amsgrad), scaleByLr),
});

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov & Hutter, 2019, "Decoupled Weight Decay
 * Regularization"), exactly as torch.optim.AdamW:
 *
 *   m_t = beta1 * m_{t-1} + (1 - beta1) * grad
 *   v_t = beta2 * v_{t-1} + (1 - beta2) * grad^2
 *   vmax_t = max(vmax_{t-1}, v_t)                                         (amsgrad only; else vmax_t = v_t)
 *   w_t = w_{t-1} - lr * weightDecay * w_{t-1} - lr / (1 - beta1^t) * m_t / (sqrt(vmax_t) / sqrt(1 - beta2^t) + eps)
 *
 * The decay is multiplied by the scheduled lr, as in torch (the paper decays by a separate schedule
 * multiplier times weightDecay). With weightDecay 0 it is `adam`.
 * Differences: tfjs has no AdamW; torch's defaults are kept (lr 0.001, weightDecay 0.01).
 */
import { chain, decoupledWeightDecay, optimizer, scaleByAdam, scaleByLr } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `adamw`. */
export interface AdamwParams extends Record<string, unknown> {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
}

export default optimizer<AdamwParams>({
  name: 'adamw',
  summary: 'Adam with decoupled weight decay, as torch.optim.AdamW',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(0.001),
      betas: P.betas([0.9, 0.999]),
      eps: P.eps(1e-8),
      weightDecay: P.weightDecay(0.01, true),
      amsgrad: P.flag(false, 'use the maximum of past second moments (AMSGrad)'),
    },
  },
  transform: (p) => chain(scaleByAdam(p.betas, p.eps, p.amsgrad), scaleByLr, decoupledWeightDecay(p.weightDecay)),
});

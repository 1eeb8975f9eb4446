/**
 * NAdam, Adam with Nesterov momentum (Dozat, 2016, "Incorporating Nesterov Momentum into Adam"), with
 * the momentum schedule of torch.optim.NAdam, exactly as torch:
 *
 *   g_t = grad + weightDecay * w_{t-1}            (or, decoupled: w_{t-1} <- (1 - lr * weightDecay) w_{t-1})
 *   mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentumDecay)),   P_t = mu_1 * ... * mu_t
 *   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
 *   v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
 *   d_t = sqrt(v_t / (1 - beta2^t)) + eps
 *   w_t = w_{t-1} - lr * (1 - mu_t) / (1 - P_t) * g_t / d_t - lr * mu_{t+1} / (1 - P_t * mu_{t+1}) * m_t / d_t
 *
 * P_t depends on t alone and is computed in float64 (torch keeps it as a scalar tensor of the default
 * dtype). Differences: tfjs has no NAdam (Keras' Nadam uses the same momentum schedule but epsilon 1e-7).
 * torch's defaults are kept (lr 0.002, momentumDecay 0.004).
 */
import { addWeightDecay, chain, decoupledWeightDecay, optimizer, scaleByLr, scaleByNadam } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `nadam`. */
export interface NadamParams extends Record<string, unknown> {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  momentumDecay: number;
  decoupledWeightDecay: boolean;
}

export default optimizer<NadamParams>({
  name: 'nadam',
  summary: 'NAdam (Adam with Nesterov momentum and a momentum schedule), as torch.optim.NAdam',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(0.002),
      betas: P.betas([0.9, 0.999]),
      eps: P.eps(1e-8),
      weightDecay: P.weightDecay(),
      momentumDecay: { type: 'number', minimum: 0, default: 0.004, description: 'psi of the momentum schedule mu_t = beta1 (1 - 0.5 * 0.96^(t psi))' },
      decoupledWeightDecay: P.flag(false, 'decay the weights directly (as AdamW) instead of adding weightDecay * w to the gradient'),
    },
  },
  transform: (p) =>
    p.decoupledWeightDecay
      ? chain(scaleByNadam(p.betas, p.eps, p.momentumDecay), scaleByLr, decoupledWeightDecay(p.weightDecay))
      : chain(addWeightDecay(p.weightDecay), scaleByNadam(p.betas, p.eps, p.momentumDecay), scaleByLr),
});

/**
 * Lion, EvoLved Sign Momentum (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms",
 * Algorithm 2):
 *
 *   c_t = beta1 * m_{t-1} + (1 - beta1) * grad
 *   w_t = w_{t-1} - lr * (sign(c_t) + weightDecay * w_{t-1})
 *   m_t = beta2 * m_{t-1} + (1 - beta2) * grad
 *
 * Weight decay is decoupled and multiplied by lr, as in the paper and in the widely used lion-pytorch
 * package. Differences: neither tfjs nor torch.optim (2.13) has Lion; the defaults are the paper's
 * (lr 1e-4, betas [0.9, 0.99], weightDecay 0). Because every coordinate moves by exactly lr, Lion wants an
 * lr 3-10x smaller than AdamW's. sign(0) = 0, as in torch.sign.
 */
import { chain, decoupledWeightDecay, optimizer, scaleByLion, scaleByLr } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `lion`. */
export interface LionParams extends Record<string, unknown> {
  lr: number;
  betas: [number, number];
  weightDecay: number;
}

export default optimizer<LionParams>({
  name: 'lion',
  summary: 'Lion: sign of an interpolated momentum, with decoupled weight decay (Chen et al., 2023)',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(1e-4),
      betas: P.betas([0.9, 0.99], 'interpolation factor of the update and decay rate of the momentum'),
      weightDecay: P.weightDecay(0, true),
    },
  },
  transform: (p) => chain(scaleByLion(p.betas), scaleByLr, decoupledWeightDecay(p.weightDecay)),
});

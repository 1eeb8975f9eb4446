/**
 * AdaDelta (Zeiler, 2012, "ADADELTA: An Adaptive Learning Rate Method"), exactly as torch.optim.Adadelta:
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   v_t = rho * v_{t-1} + (1 - rho) * g_t^2
 *   d_t = sqrt(a_{t-1} + eps) / sqrt(v_t + eps) * g_t
 *   a_t = rho * a_{t-1} + (1 - rho) * d_t^2
 *   w_t = w_{t-1} - lr * d_t
 *
 * Differences: tf.train.adadelta (tfjs 4.22) divides by sqrt(v_{t-1} + eps), the average before g_t^2 is
 * added, and has no weight decay; torch's defaults are kept (lr 1, rho 0.9, eps 1e-6).
 */
import { addWeightDecay, chain, optimizer, scaleByAdadelta, scaleByLr } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `adadelta`. */
export interface AdadeltaParams extends Record<string, unknown> {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
}

export default optimizer<AdadeltaParams>({
  name: 'adadelta',
  summary: 'AdaDelta: steps scaled by the ratio of RMS step to RMS gradient, as torch.optim.Adadelta',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(1),
      rho: P.fraction(0.9, 'decay rate of the running averages'),
      eps: P.eps(1e-6, 'added inside both square roots'),
      weightDecay: P.weightDecay(),
    },
  },
  transform: (p) => chain(addWeightDecay(p.weightDecay), scaleByAdadelta(p.rho, p.eps), scaleByLr),
});

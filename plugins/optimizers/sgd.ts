/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and coupled weight
 * decay, exactly as torch.optim.SGD (Robbins & Monro, 1951; momentum: Polyak, 1964; Nesterov momentum as
 * formulated by Sutskever et al., 2013):
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   b_1 = g_1;  b_t = momentum * b_{t-1} + (1 - dampening) * g_t          (when momentum != 0)
 *   d_t = nesterov ? g_t + momentum * b_t : b_t                          (d_t = g_t without momentum)
 *   w_t = w_{t-1} - lr * d_t
 *
 * Full-batch gradient descent is this rule with `batchSize: "full"` in the suite.
 * Differences: tf.train.sgd has no momentum; tf.train.momentum starts its buffer at zero, so its first
 * step is (1 - 0) * g as here but it has no dampening, and with useNesterov it steps by g + momentum * b
 * on a buffer without dampening. As torch does, nesterov with momentum 0 or dampening != 0 is refused
 * (when the suite is validated, with torch's message); the `nag` plugin is Nesterov momentum with 0.9.
 * Defaults are torch's (lr 0.001).
 */
import { addWeightDecay, chain, optimizer, scaleByLr, trace } from '../../core/plugin/optim/transforms';
import * as P from '../../core/plugin/optim/hyper';

/** Hyper-parameters of `sgd`. */
export interface SgdParams extends Record<string, unknown> {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
}

export default optimizer<SgdParams>({
  name: 'sgd',
  summary: 'Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD',
  params: {
    type: 'object',
    properties: {
      lr: P.lr(0.001),
      momentum: { type: 'number', minimum: 0, default: 0, description: 'momentum factor' },
      dampening: P.fraction(0, 'dampening for momentum'),
      nesterov: P.flag(false, 'Nesterov momentum (needs momentum > 0 and dampening 0)'),
      weightDecay: P.weightDecay(),
    },
    // torch.optim.SGD's check, in its words. `required`: the rule is read before defaults are filled in.
    if: { properties: { nesterov: { const: true } }, required: ['nesterov'] },
    then: {
      description: 'Nesterov momentum requires a momentum and zero dampening',
      properties: { momentum: { exclusiveMinimum: 0 }, dampening: { const: 0 } },
      required: ['momentum'],
    },
  },
  transform: (p) => chain(addWeightDecay(p.weightDecay), trace(p.momentum, p.dampening, p.nesterov), scaleByLr),
});

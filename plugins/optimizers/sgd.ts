/**
 * Stochastic gradient descent, with optional momentum, dampening, Nesterov momentum and coupled weight
 * decay, exactly as torch.optim.SGD:
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   b_1 = g_1;  b_t = momentum * b_{t-1} + (1 - dampening) * g_t          (when momentum != 0)
 *   d_t = nesterov ? g_t + momentum * b_t : b_t                          (d_t = g_t without momentum)
 *   w_t = w_{t-1} - lr * d_t
 *
 * Robbins & Monro (1951); Nesterov momentum as formulated by Sutskever et al. (2013).
 * Differences: tf.train.momentum starts its accumulator at zero (b_1 = g_1 * (1 - 0) there too, but it
 * has no dampening and applies Nesterov as w - lr * (g + m * b)); PyTorch's defaults are kept (lr 0.001).
 */
import type { OptimizerPlugin, OptimizerStep, Slots } from '../../core/contracts';
import * as tf from '../../core/tf';

export interface SgdParams extends Record<string, unknown> {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
}

const sgd: OptimizerPlugin<SgdParams> = {
  name: 'sgd',
  kind: 'optimizer',
  summary: 'Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD',
  params: {
    type: 'object',
    properties: {
      lr: { type: 'number', exclusiveMinimum: 0, default: 0.001, description: 'learning rate' },
      momentum: { type: 'number', minimum: 0, default: 0, description: 'momentum factor' },
      dampening: { type: 'number', minimum: 0, maximum: 1, default: 0, description: 'dampening for momentum' },
      nesterov: { type: 'boolean', default: false, description: 'Nesterov momentum (needs momentum > 0, dampening 0)' },
      weightDecay: { type: 'number', minimum: 0, default: 0, description: 'coupled L2 penalty added to the gradient' },
    },
  },
  init(weight, p): Slots {
    return p.momentum !== 0 ? { b: tf.zerosLike(weight) } : {};
  },
  update(grad, weight, slots, t, lr, p): OptimizerStep {
    let g = p.weightDecay !== 0 ? grad.add(weight.mul(p.weightDecay)) : grad;
    if (p.momentum === 0) return { weight: weight.sub(g.mul(lr)), slots: {} };
    const b = t === 1 ? g : slots.b!.mul(p.momentum).add(g.mul(1 - p.dampening));
    g = p.nesterov ? g.add(b.mul(p.momentum)) : b;
    return { weight: weight.sub(g.mul(lr)), slots: { b } };
  },
};

export default sgd;

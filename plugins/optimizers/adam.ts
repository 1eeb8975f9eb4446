/**
 * Adam (Kingma & Ba, 2015, "Adam: A Method for Stochastic Optimization"), with the AMSGrad variant
 * (Reddi et al., 2018), exactly as torch.optim.Adam:
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
 *   v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
 *   vmax_t = max(vmax_{t-1}, v_t)                                         (amsgrad only; else vmax_t = v_t)
 *   w_t = w_{t-1} - lr / (1 - beta1^t) * m_t / (sqrt(vmax_t) / sqrt(1 - beta2^t) + eps)
 *
 * Differences: tf.train.adam puts eps inside the bias correction as eps_hat (epsilon default 1e-7)
 * and has no amsgrad; weightDecay here is coupled (L2 in the gradient) as in torch; see adamw for the
 * decoupled form.
 */
import type { OptimizerPlugin, OptimizerStep } from '../../core/contracts';
import * as tf from '../../core/tf';

export interface AdamParams extends Record<string, unknown> {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
}

const adam: OptimizerPlugin<AdamParams> = {
  name: 'adam',
  kind: 'optimizer',
  summary: 'Adam with bias correction and optional AMSGrad, as torch.optim.Adam',
  params: {
    type: 'object',
    properties: {
      lr: { type: 'number', exclusiveMinimum: 0, default: 0.001, description: 'learning rate' },
      betas: {
        type: 'array',
        items: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
        minItems: 2,
        maxItems: 2,
        default: [0.9, 0.999],
        description: 'decay rates of the first and second moment estimates',
      },
      eps: { type: 'number', minimum: 0, default: 1e-8, description: 'added to the denominator' },
      weightDecay: { type: 'number', minimum: 0, default: 0, description: 'coupled L2 penalty added to the gradient' },
      amsgrad: { type: 'boolean', default: false, description: 'use the maximum of past second moments' },
    },
  },
  init(weight, p) {
    const slots: Record<string, tf.Tensor> = { m: tf.zerosLike(weight), v: tf.zerosLike(weight) };
    if (p.amsgrad) slots.vmax = tf.zerosLike(weight);
    return slots;
  },
  update(grad, weight, slots, t, lr, p): OptimizerStep {
    const [b1, b2] = p.betas;
    const g = p.weightDecay !== 0 ? grad.add(weight.mul(p.weightDecay)) : grad;
    const m = slots.m!.mul(b1).add(g.mul(1 - b1));
    const v = slots.v!.mul(b2).add(g.square().mul(1 - b2));
    const vmax = p.amsgrad ? tf.maximum(slots.vmax!, v) : v;
    const denom = vmax.sqrt().div(Math.sqrt(1 - b2 ** t)).add(p.eps);
    const next = weight.sub(m.div(denom).mul(lr / (1 - b1 ** t)));
    return { weight: next, slots: p.amsgrad ? { m, v, vmax } : { m, v } };
  },
};

export default adam;

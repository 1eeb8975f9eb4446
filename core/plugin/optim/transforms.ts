/**
 * The building blocks of the optimizer plugins, in the style of optax: small gradient transforms that
 * each keep their own named slots, chained into a named optimizer. An optimizer body is then one line,
 * e.g. Adam = chain(addWeightDecay(wd), scaleByAdam(...), scaleByLr()).
 *
 * A transform maps an incoming update `u` (at first the gradient) to an outgoing one. The last one in a
 * chain yields the increment that is added to the weight: w_t = w_{t-1} + u. Every formula follows
 * torch.optim's single-tensor implementation, including the order of operations where it matters for
 * rounding (e.g. Adam's denominator is sqrt(v) / sqrt(1 - beta2^t) + eps, NAdam's sqrt(v / (1 - beta2^t)) + eps).
 *
 * Part of the plugin kit (`<package>/plugin`, core/plugin/kit.ts): the shipped optimizers in plugins/ and
 * plugins in other packages build on it alike. Knows the contracts and tf only: nothing of training,
 * models or the registry.
 */
import type { OptimizerPlugin, OptimizerStep, Params, ParamsSchema, Slots } from '../contracts';
import * as tf from '../../tf';

type Tensor = tf.Tensor;

/** What a transform sees besides the incoming update. */
export interface StepInfo {
  /** The weight before this step. */
  weight: Tensor;
  /** Step count, from 1. */
  t: number;
  /** Learning rate of this step (after the schedule). */
  lr: number;
}

/**
 * One gradient transform: its slots and its update. Slot names must be unique within a chain. Every
 * transform in this file is elementwise (see OptimizerPlugin.elementwise); a plugin whose chain adds
 * one that is not (a per-tensor norm, a matrix preconditioner) says `elementwise: false` in its spec.
 */
export interface Transform {
  init(weight: Tensor): Slots;
  update(u: Tensor, slots: Slots, info: StepInfo): { u: Tensor; slots: Slots };
}

const slot = (slots: Slots, name: string): Tensor => {
  const s = slots[name];
  if (!s) throw new Error(`optimizer slot "${name}" is missing (state from another configuration?)`);
  return s;
};

/** The identity: passes the update through, keeps no slots. */
export const identity: Transform = { init: () => ({}), update: (u) => ({ u, slots: {} }) };

/** Applies transforms in order; each one's slots sit side by side in one flat record. */
export function chain(...transforms: Transform[]): Transform {
  return {
    init(weight) {
      const slots: Slots = {};
      for (const tr of transforms) {
        for (const [k, v] of Object.entries(tr.init(weight))) {
          if (k in slots) throw new Error(`two transforms of one optimizer use the slot name "${k}"`);
          slots[k] = v;
        }
      }
      return slots;
    },
    update(u, slots, info) {
      const next: Slots = {};
      for (const tr of transforms) {
        const r = tr.update(u, slots, info);
        u = r.u;
        Object.assign(next, r.slots);
      }
      return { u, slots: next };
    },
  };
}

/** Coupled weight decay (torch's `weight_decay` outside AdamW): u = g + wd * w. */
export function addWeightDecay(wd: number): Transform {
  if (wd === 0) return identity;
  return { init: () => ({}), update: (u, _s, { weight }) => ({ u: u.add(weight.mul(wd)), slots: {} }) };
}

/**
 * Momentum buffer (torch.optim.SGD): b_1 = u_1, b_t = momentum * b_{t-1} + (1 - dampening) * u_t;
 * returns u_t + momentum * b_t with Nesterov, else b_t. Slot `momentum`.
 */
export function trace(momentum: number, dampening = 0, nesterov = false): Transform {
  if (momentum === 0) return identity;
  return {
    init: (w) => ({ momentum: tf.zerosLike(w) }),
    update(u, slots, { t }) {
      const b = t === 1 ? u : slot(slots, 'momentum').mul(momentum).add(dampening === 0 ? u : u.mul(1 - dampening));
      return { u: nesterov ? u.add(b.mul(momentum)) : b, slots: { momentum: b } };
    },
  };
}

/**
 * Adam's scaling (torch.optim.Adam): m_t = beta1 m + (1 - beta1) u, v_t = beta2 v + (1 - beta2) u^2,
 * vmax_t = max(vmax, v_t) with AMSGrad; u' = m_t / (1 - beta1^t) / (sqrt(vmax_t) / sqrt(1 - beta2^t) + eps).
 * Slots `m`, `v` and (AMSGrad) `vmax`.
 */
export function scaleByAdam(betas: readonly [number, number], eps: number, amsgrad = false): Transform {
  const [b1, b2] = betas;
  return {
    init(w) {
      const slots: Slots = { m: tf.zerosLike(w), v: tf.zerosLike(w) };
      if (amsgrad) slots.vmax = tf.zerosLike(w);
      return slots;
    },
    update(u, slots, { t }) {
      const m = ema(slot(slots, 'm'), u, b1);
      const v = ema(slot(slots, 'v'), u.square(), b2);
      const next: Slots = { m, v };
      if (amsgrad) next.vmax = tf.maximum(slot(slots, 'vmax'), v);
      const denom = (next.vmax ?? v).sqrt().div(Math.sqrt(1 - b2 ** t)).add(eps);
      return { u: m.div(denom).mul(1 / (1 - b1 ** t)), slots: next };
    },
  };
}

/**
 * Adamax's scaling (torch.optim.Adamax): m_t = beta1 m + (1 - beta1) u, r_t = max(beta2 r, |u| + eps);
 * u' = m_t / ((1 - beta1^t) r_t). Slots `m`, `r`.
 */
export function scaleByAdamax(betas: readonly [number, number], eps: number): Transform {
  const [b1, b2] = betas;
  return {
    init: (w) => ({ m: tf.zerosLike(w), r: tf.zerosLike(w) }),
    update(u, slots, { t }) {
      const m = ema(slot(slots, 'm'), u, b1);
      const r = tf.maximum(slot(slots, 'r').mul(b2), u.abs().add(eps));
      return { u: m.div(r).mul(1 / (1 - b1 ** t)), slots: { m, r } };
    },
  };
}

/**
 * NAdam's scaling (torch.optim.NAdam, Dozat 2016, with torch's momentum schedule):
 * mu_t = beta1 (1 - 0.5 * 0.96^(t psi)), P_t = prod_{i<=t} mu_i, m_t and v_t as in Adam,
 * d = sqrt(v_t / (1 - beta2^t)) + eps, u' = (1 - mu_t) / (1 - P_t) * u / d + mu_{t+1} / (1 - P_t mu_{t+1}) * m_t / d.
 * P_t is a function of t alone and is computed here in float64 (torch keeps it as a scalar tensor).
 * Slots `m`, `v`.
 */
export function scaleByNadam(betas: readonly [number, number], eps: number, momentumDecay: number): Transform {
  const [b1, b2] = betas;
  const mu = (i: number) => b1 * (1 - 0.5 * 0.96 ** (i * momentumDecay));
  return {
    init: (w) => ({ m: tf.zerosLike(w), v: tf.zerosLike(w) }),
    update(u, slots, { t }) {
      let prod = 1;
      for (let i = 1; i <= t; i++) prod *= mu(i);
      const muT = mu(t);
      const muNext = mu(t + 1);
      const m = ema(slot(slots, 'm'), u, b1);
      const v = ema(slot(slots, 'v'), u.square(), b2);
      const denom = v.div(1 - b2 ** t).sqrt().add(eps);
      const out = u.mul((1 - muT) / (1 - prod)).add(m.mul(muNext / (1 - prod * muNext))).div(denom);
      return { u: out, slots: { m, v } };
    },
  };
}

/**
 * AdaGrad's scaling (torch.optim.Adagrad): s_t = s_{t-1} + u^2 (s_0 = initialAccumulatorValue),
 * u' = u / (sqrt(s_t) + eps) / (1 + (t - 1) lrDecay). Slot `sum`.
 */
export function scaleByAdagrad(eps: number, initialAccumulatorValue: number, lrDecay: number): Transform {
  return {
    init: (w) => ({ sum: tf.fill(w.shape, initialAccumulatorValue) }),
    update(u, slots, { t }) {
      const sum = slot(slots, 'sum').add(u.square());
      let out = u.div(sum.sqrt().add(eps));
      if (lrDecay !== 0) out = out.div(1 + (t - 1) * lrDecay);
      return { u: out, slots: { sum } };
    },
  };
}

/**
 * AdaDelta's scaling (torch.optim.Adadelta, Zeiler 2012): v_t = rho v + (1 - rho) u^2,
 * d_t = sqrt(a_{t-1} + eps) / sqrt(v_t + eps) * u, a_t = rho a + (1 - rho) d_t^2; u' = d_t. Slots `v`, `a`.
 */
export function scaleByAdadelta(rho: number, eps: number): Transform {
  return {
    init: (w) => ({ v: tf.zerosLike(w), a: tf.zerosLike(w) }),
    update(u, slots) {
      const v = ema(slot(slots, 'v'), u.square(), rho);
      const a0 = slot(slots, 'a');
      const d = a0.add(eps).sqrt().div(v.add(eps).sqrt()).mul(u);
      return { u: d, slots: { v, a: ema(a0, d.square(), rho) } };
    },
  };
}

/**
 * RMSprop's scaling (torch.optim.RMSprop): v_t = alpha v + (1 - alpha) u^2; centred: g_t = alpha g +
 * (1 - alpha) u and u' = u / (sqrt(v_t - g_t^2) + eps), else u' = u / (sqrt(v_t) + eps).
 * Slots `v` and (centred) `gAvg`.
 */
export function scaleByRms(alpha: number, eps: number, centered: boolean): Transform {
  return {
    init(w) {
      const slots: Slots = { v: tf.zerosLike(w) };
      if (centered) slots.gAvg = tf.zerosLike(w);
      return slots;
    },
    update(u, slots): { u: Tensor; slots: Slots } {
      const v = ema(slot(slots, 'v'), u.square(), alpha);
      if (!centered) return { u: u.div(v.sqrt().add(eps)), slots: { v } };
      const gAvg = ema(slot(slots, 'gAvg'), u, alpha);
      return { u: u.div(v.sub(gAvg.square()).sqrt().add(eps)), slots: { v, gAvg } };
    },
  };
}

/**
 * Lion's scaling (Chen et al., 2023): u' = sign(beta1 m + (1 - beta1) u), then m_t = beta2 m + (1 - beta2) u.
 * Slot `m`.
 */
export function scaleByLion(betas: readonly [number, number]): Transform {
  const [b1, b2] = betas;
  return {
    init: (w) => ({ m: tf.zerosLike(w) }),
    update(u, slots) {
      const m0 = slot(slots, 'm');
      return { u: ema(m0, u, b1).sign(), slots: { m: ema(m0, u, b2) } };
    },
  };
}

/** The descent step: u' = -lr * u. */
export const scaleByLr: Transform = { init: () => ({}), update: (u, _s, { lr }) => ({ u: u.mul(-lr), slots: {} }) };

/** Decoupled weight decay (AdamW, Lion; Loshchilov & Hutter 2019), after the lr step: u' = u - lr * wd * w. */
export function decoupledWeightDecay(wd: number): Transform {
  if (wd === 0) return identity;
  return { init: () => ({}), update: (u, _s, { weight, lr }) => ({ u: u.sub(weight.mul(lr * wd)), slots: {} }) };
}

/** Exponential moving average: decay * old + (1 - decay) * x. */
export function ema(old: Tensor, x: Tensor, decay: number): Tensor {
  return old.mul(decay).add(x.mul(1 - decay));
}

/** What `optimizer()` needs to make a plugin: the metadata and the chain built from the parameters. */
export interface OptimizerSpec<P extends Params> {
  name: string;
  summary: string;
  params: ParamsSchema;
  transform(params: P): Transform;
  /** Default true: every transform of this file is elementwise. */
  elementwise?: boolean;
}

/** An optimizer plugin whose update is w_t = w_{t-1} + u, u the output of `transform(params)`. */
export function optimizer<P extends Params>(spec: OptimizerSpec<P>): OptimizerPlugin<P> {
  return {
    name: spec.name,
    kind: 'optimizer',
    summary: spec.summary,
    params: spec.params,
    elementwise: spec.elementwise ?? true,
    init: (weight, p) => spec.transform(p).init(weight),
    update(grad, weight, slots, t, lr, p): OptimizerStep {
      const r = spec.transform(p).update(grad, slots, { weight, t, lr });
      return { weight: weight.add(r.u), slots: r.slots };
    },
  };
}

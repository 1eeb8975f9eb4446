/**
 * Softplus (Dugas et al., 2001): softplus(x) = log(1 + e^(beta x)) / beta; derivative sigmoid(beta x).
 * As torch.nn.Softplus(beta) except that torch switches to the identity where beta x > 20 (a difference
 * below 2e-9 relative); tfjs' softplus is the beta = 1 case, computed stably.
 */
import type { ActivationPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

/** Hyper-parameters of `softplus`. */
export interface SoftplusParams extends Record<string, unknown> {
  beta: number;
}

const softplus: ActivationPlugin<SoftplusParams> = {
  name: 'softplus',
  kind: 'activation',
  summary: 'Softplus, log(1 + exp(beta x)) / beta',
  params: { type: 'object', properties: { beta: { type: 'number', exclusiveMinimum: 0, default: 1, description: 'sharpness' } } },
  apply: (x, p) => (p.beta === 1 ? tf.softplus(x) : tf.softplus(x.mul(p.beta)).div(p.beta)),
};

export default softplus;

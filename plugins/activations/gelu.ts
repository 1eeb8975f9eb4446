/**
 * Gaussian error linear unit (Hendrycks & Gimpel, 2016): gelu(x) = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2,
 * derivative Phi(x) + x phi(x); with approximate "tanh": x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2.
 * As torch.nn.GELU(approximate). tfjs has no gelu op; tfjs' erf is Abramowitz & Stegun's 7.1.26
 * approximation (absolute error below 1.5e-7).
 */
import type { ActivationPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

/** Hyper-parameters of `gelu`. */
export interface GeluParams extends Record<string, unknown> {
  approximate: 'none' | 'tanh';
}

const gelu: ActivationPlugin<GeluParams> = {
  name: 'gelu',
  kind: 'activation',
  summary: 'Gaussian error linear unit, x * Phi(x)',
  params: {
    type: 'object',
    properties: { approximate: { enum: ['none', 'tanh'], default: 'none', description: 'exact (erf) or the tanh approximation' } },
  },
  apply(x, p) {
    if (p.approximate === 'tanh') {
      const inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
      return x.mul(tf.tanh(inner).add(1)).mul(0.5);
    }
    return x.mul(tf.erf(x.mul(Math.SQRT1_2)).add(1)).mul(0.5);
  },
};

export default gelu;

/**
 * Exponential linear unit (Clevert et al., 2016): x for x > 0, alpha (e^x - 1) otherwise; derivative 1
 * or alpha e^x. As torch.nn.ELU(alpha); tfjs' elu is the alpha = 1 case. For other alphas it is
 * relu(x) + alpha * elu(min(x, 0)), which never evaluates e^x for large x (no inf in the gradient).
 */
import type { ActivationPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

/** Hyper-parameters of `elu`. */
export interface EluParams extends Record<string, unknown> {
  alpha: number;
}

const elu: ActivationPlugin<EluParams> = {
  name: 'elu',
  kind: 'activation',
  summary: 'Exponential linear unit, x if x > 0 else alpha * (exp(x) - 1)',
  params: { type: 'object', properties: { alpha: { type: 'number', minimum: 0, default: 1, description: 'value approached as x -> -inf is -alpha' } } },
  apply: (x, p) => (p.alpha === 1 ? tf.elu(x) : tf.relu(x).add(tf.elu(tf.minimum(x, 0)).mul(p.alpha))),
};

export default elu;

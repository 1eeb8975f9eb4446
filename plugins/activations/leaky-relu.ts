/**
 * Leaky ReLU (Maas et al., 2013): x for x > 0, slope * x otherwise; derivative 1 or slope.
 * Default slope 0.01 as torch.nn.LeakyReLU; tfjs' leakyRelu defaults to 0.2 and Keras' LeakyReLU to 0.3.
 */
import type { ActivationPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

/** Hyper-parameters of `leaky-relu`. */
export interface LeakyReluParams extends Record<string, unknown> {
  slope: number;
}

const leakyRelu: ActivationPlugin<LeakyReluParams> = {
  name: 'leaky-relu',
  kind: 'activation',
  summary: 'Leaky ReLU, x if x > 0 else slope * x',
  params: { type: 'object', properties: { slope: { type: 'number', minimum: 0, default: 0.01, description: 'slope for x < 0' } } },
  apply: (x, p) => tf.leakyRelu(x, p.slope),
};

export default leakyRelu;

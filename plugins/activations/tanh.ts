/** Hyperbolic tangent: tanh(x) = (e^x - e^-x) / (e^x + e^-x); derivative 1 - tanh(x)^2. As tfjs and torch. */
import type { ActivationPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

const tanh: ActivationPlugin = {
  name: 'tanh',
  kind: 'activation',
  summary: 'Hyperbolic tangent',
  params: { type: 'object', properties: {} },
  apply: (x) => tf.tanh(x),
};

export default tanh;

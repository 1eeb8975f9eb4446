/** Logistic sigmoid: s(x) = 1 / (1 + e^-x); derivative s(x) (1 - s(x)). As tfjs and torch. */
import type { ActivationPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

const sigmoid: ActivationPlugin = {
  name: 'sigmoid',
  kind: 'activation',
  summary: 'Logistic sigmoid, 1 / (1 + exp(-x))',
  params: { type: 'object', properties: {} },
  apply: (x) => tf.sigmoid(x),
};

export default sigmoid;

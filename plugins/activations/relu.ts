/**
 * Rectified linear unit (Nair & Hinton, 2010): relu(x) = max(0, x); derivative 1 for x > 0, else 0
 * (0 at x = 0, as in tfjs and PyTorch).
 */
import type { ActivationPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

const relu: ActivationPlugin = {
  name: 'relu',
  kind: 'activation',
  summary: 'Rectified linear unit, max(0, x)',
  params: { type: 'object', properties: {} },
  apply: (x) => tf.relu(x),
};

export default relu;

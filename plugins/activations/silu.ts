/**
 * Sigmoid linear unit, also swish with beta 1 (Elfwing et al., 2018; Ramachandran et al., 2017):
 * silu(x) = x sigmoid(x); derivative s(x) (1 + x (1 - s(x))). As torch.nn.SiLU; tfjs has no silu op.
 */
import type { ActivationPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

const silu: ActivationPlugin = {
  name: 'silu',
  kind: 'activation',
  summary: 'Sigmoid linear unit (swish), x * sigmoid(x)',
  params: { type: 'object', properties: {} },
  apply: (x) => x.mul(tf.sigmoid(x)),
};

export default silu;

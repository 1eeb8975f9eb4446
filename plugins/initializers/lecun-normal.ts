/**
 * LeCun normal (LeCun et al., 1998, "Efficient BackProp"): W ~ N(0, 1 / fanIn), untruncated (the
 * variance SELU networks assume). Differences: Keras' and tfjs' leCunNormal are truncated at 2 std;
 * torch has no named equivalent (kaiming_normal_ with nonlinearity='linear' is the same).
 */
import type { InitializerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

const lecunNormal: InitializerPlugin = {
  name: 'lecun-normal',
  kind: 'initializer',
  summary: 'LeCun normal, N(0, 1 / fanIn), untruncated',
  params: { type: 'object', properties: {} },
  init: ({ shape, fanIn, seed }) => tf.randomNormal(shape, 0, Math.sqrt(1 / fanIn), 'float32', seed),
};

export default lecunNormal;

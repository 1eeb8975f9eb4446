/** All weights zero. Symmetric: every unit of a layer learns the same function (the seeds' 10% baseline). */
import type { InitializerPlugin } from '../../core/contracts';
import * as tf from '../../core/tf';

const zeros: InitializerPlugin = {
  name: 'zeros',
  kind: 'initializer',
  summary: 'All zeros',
  params: { type: 'object', properties: {} },
  init: ({ shape }) => tf.zeros(shape),
};

export default zeros;

/**
 * All weights zero. Symmetric: every unit of a layer computes the same function and receives the same
 * gradient, so they never differ (the seeds' "zero initialisation" baseline, near 10% on MNIST).
 */
import type { InitializerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

const zeros: InitializerPlugin = {
  name: 'zeros',
  kind: 'initializer',
  summary: 'All zeros',
  params: { type: 'object', properties: {} },
  init: ({ shape }) => tf.zeros(shape),
};

export default zeros;

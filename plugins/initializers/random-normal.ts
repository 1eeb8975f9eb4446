/**
 * W ~ N(mean, std^2), untruncated. Defaults are Keras' RandomNormal (mean 0, std 0.05); torch's
 * nn.init.normal_ defaults to std 1. tfjs' randomNormal initializer is the same distribution; its
 * "truncatedNormal" redraws beyond 2 std, this does not.
 */
import type { InitializerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

/** Hyper-parameters of `random-normal`. */
export interface RandomNormalParams extends Record<string, unknown> {
  mean: number;
  std: number;
}

const randomNormal: InitializerPlugin<RandomNormalParams> = {
  name: 'random-normal',
  kind: 'initializer',
  summary: 'Untruncated normal N(mean, std^2)',
  params: {
    type: 'object',
    properties: {
      mean: { type: 'number', default: 0, description: 'mean' },
      std: { type: 'number', minimum: 0, default: 0.05, description: 'standard deviation' },
    },
  },
  init: ({ shape, seed }, p) => tf.randomNormal(shape, p.mean, p.std, 'float32', seed),
};

export default randomNormal;

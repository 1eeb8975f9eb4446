/**
 * W ~ U(min, max). Defaults are Keras' RandomUniform (-0.05, 0.05); torch's nn.init.uniform_ defaults to
 * (0, 1).
 */
import type { InitializerPlugin } from '../../core/plugin/contracts';
import { InputError } from '../../core/util/errors';
import * as tf from '../../core/tf';

/** Hyper-parameters of `random-uniform`. */
export interface RandomUniformParams extends Record<string, unknown> {
  min: number;
  max: number;
}

const randomUniform: InitializerPlugin<RandomUniformParams> = {
  name: 'random-uniform',
  kind: 'initializer',
  summary: 'Uniform U(min, max)',
  params: {
    type: 'object',
    properties: {
      min: { type: 'number', default: -0.05, description: 'lower bound' },
      max: { type: 'number', default: 0.05, description: 'upper bound (> min)' },
    },
  },
  init({ shape, seed }, p) {
    if (!(p.max > p.min)) throw new InputError(`random-uniform: max (${p.max}) must be greater than min (${p.min})`);
    return tf.randomUniform(shape, p.min, p.max, 'float32', seed);
  },
};

export default randomUniform;

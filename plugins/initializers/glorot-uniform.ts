/**
 * Glorot (Xavier) uniform (Glorot & Bengio, 2010, "Understanding the difficulty of training deep
 * feedforward neural networks"): W ~ U(-a, a), a = gain * sqrt(6 / (fanIn + fanOut)), so that
 * Var W = gain^2 * 2 / (fanIn + fanOut). Same as torch.nn.init.xavier_uniform_ and Keras/tfjs glorotUniform.
 */
import type { InitializerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';
import { gainParam } from './_fan';

/** Hyper-parameters of `glorot-uniform`. */
export interface GlorotParams extends Record<string, unknown> {
  gain: number;
}

const glorotUniform: InitializerPlugin<GlorotParams> = {
  name: 'glorot-uniform',
  kind: 'initializer',
  summary: 'Glorot/Xavier uniform, U(-a, a) with a = gain * sqrt(6 / (fanIn + fanOut))',
  params: { type: 'object', properties: { gain: gainParam } },
  init({ shape, fanIn, fanOut, seed }, p) {
    const a = p.gain * Math.sqrt(6 / (fanIn + fanOut));
    return tf.randomUniform(shape, -a, a, 'float32', seed);
  },
};

export default glorotUniform;

/**
 * Glorot (Xavier) normal (Glorot & Bengio, 2010): W ~ N(0, s^2), s = gain * sqrt(2 / (fanIn + fanOut)),
 * untruncated, as torch.nn.init.xavier_normal_. Differences: Keras' and tfjs' glorotNormal draw from a
 * normal truncated at 2 std (with s rescaled by 1/0.8796), so their tails are cut.
 */
import type { InitializerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';
import { gainParam } from './_fan';

/** Hyper-parameters of `glorot-normal`. */
export interface GlorotNormalParams extends Record<string, unknown> {
  gain: number;
}

const glorotNormal: InitializerPlugin<GlorotNormalParams> = {
  name: 'glorot-normal',
  kind: 'initializer',
  summary: 'Glorot/Xavier normal, N(0, s^2) with s = gain * sqrt(2 / (fanIn + fanOut)), untruncated',
  params: { type: 'object', properties: { gain: gainParam } },
  init({ shape, fanIn, fanOut, seed }, p) {
    return tf.randomNormal(shape, 0, p.gain * Math.sqrt(2 / (fanIn + fanOut)), 'float32', seed);
  },
};

export default glorotNormal;

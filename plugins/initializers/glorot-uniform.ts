/**
 * Glorot (Xavier) uniform (Glorot & Bengio, 2010): W ~ U(-a, a), a = gain * sqrt(6 / (fanIn + fanOut)).
 * fanIn and fanOut of a convolution are kh * kw * in and kh * kw * out, as in PyTorch and Keras.
 */
import type { InitializerPlugin } from '../../core/contracts';
import * as tf from '../../core/tf';

export interface GlorotParams extends Record<string, unknown> {
  gain: number;
}

const glorotUniform: InitializerPlugin<GlorotParams> = {
  name: 'glorot-uniform',
  kind: 'initializer',
  summary: 'Glorot/Xavier uniform, U(-a, a) with a = gain * sqrt(6 / (fanIn + fanOut))',
  params: {
    type: 'object',
    properties: { gain: { type: 'number', exclusiveMinimum: 0, default: 1, description: 'scale factor' } },
  },
  init({ shape, fanIn, fanOut, seed }, p) {
    const a = p.gain * Math.sqrt(6 / (fanIn + fanOut));
    return tf.randomUniform(shape, -a, a, 'float32', seed);
  },
};

export default glorotUniform;

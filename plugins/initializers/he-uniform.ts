/**
 * He (Kaiming) uniform (He et al., 2015, "Delving Deep into Rectifiers"): W ~ U(-b, b),
 * b = gain * sqrt(3 / fan), gain = sqrt(2 / (1 + negativeSlope^2)), fan = fanIn (default) or fanOut.
 * Same as torch.nn.init.kaiming_uniform_(a=negativeSlope, mode, nonlinearity='leaky_relu'), whose
 * default a = 0 gives the ReLU gain sqrt(2); Keras/tfjs heUniform is the fanIn, slope-0 case.
 */
import type { InitializerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';
import { fan, type FanMode, modeParam, negativeSlopeParam } from './_fan';

/** Hyper-parameters of `he-uniform`. */
export interface HeParams extends Record<string, unknown> {
  mode: FanMode;
  negativeSlope: number;
}

const heUniform: InitializerPlugin<HeParams> = {
  name: 'he-uniform',
  kind: 'initializer',
  summary: 'He/Kaiming uniform, U(-b, b) with b = sqrt(6 / ((1 + slope^2) fan))',
  params: {
    type: 'object',
    properties: {
      mode: modeParam,
      negativeSlope: negativeSlopeParam,
    },
  },
  init(ctx, p) {
    const b = Math.sqrt(2 / (1 + p.negativeSlope ** 2)) * Math.sqrt(3 / fan(ctx, p.mode));
    return tf.randomUniform(ctx.shape, -b, b, 'float32', ctx.seed);
  },
};

export default heUniform;

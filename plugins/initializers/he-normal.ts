/**
 * He (Kaiming) normal (He et al., 2015, "Delving Deep into Rectifiers"): W ~ N(0, s^2),
 * s = sqrt(2 / ((1 + negativeSlope^2) fan)), fan = fanIn (default) or fanOut, untruncated, as
 * torch.nn.init.kaiming_normal_. Differences: Keras' and tfjs' heNormal are truncated at 2 std.
 */
import type { InitializerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';
import { fan, modeParam, negativeSlopeParam } from './_fan';
import type { HeParams } from './he-uniform';

const heNormal: InitializerPlugin<HeParams> = {
  name: 'he-normal',
  kind: 'initializer',
  summary: 'He/Kaiming normal, N(0, 2 / ((1 + slope^2) fan)), untruncated',
  params: {
    type: 'object',
    properties: {
      mode: modeParam,
      negativeSlope: negativeSlopeParam,
    },
  },
  init(ctx, p) {
    const s = Math.sqrt(2 / ((1 + p.negativeSlope ** 2) * fan(ctx, p.mode)));
    return tf.randomNormal(ctx.shape, 0, s, 'float32', ctx.seed);
  },
};

export default heNormal;

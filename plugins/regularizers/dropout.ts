/**
 * Inverted dropout (Srivastava et al., 2014): in training y = x * mask / (1 - rate) with
 * mask ~ Bernoulli(1 - rate), a fresh mask every step drawn from the trial's generator; identity in
 * evaluation. Placed after the activation of dense layers unless the suite says otherwise.
 * Differences: a tfjs-layers Dropout given a fixed seed reuses one mask every step; here it never does.
 */
import type { LayerRegularizerPlugin } from '../../core/contracts';
import * as tf from '../../core/tf';

export interface DropoutParams extends Record<string, unknown> {
  rate: number;
}

const dropout: LayerRegularizerPlugin<DropoutParams> = {
  name: 'dropout',
  kind: 'regularizer',
  role: 'layer',
  position: 'post-activation',
  defaultPlacement: ['dense'],
  summary: 'Inverted dropout with a fresh seeded mask each step; identity in evaluation',
  params: {
    type: 'object',
    properties: {
      rate: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.5, description: 'probability of dropping a unit' },
    },
  },
  createLayer(_site, p) {
    return {
      trainable: [],
      state: [],
      apply(x, ctx) {
        if (!ctx.training || p.rate === 0) return x;
        const keep = tf.randomUniform(x.shape, 0, 1, 'float32', ctx.nextSeed()).greaterEqual(p.rate);
        return x.mul(keep).mul(1 / (1 - p.rate));
      },
    };
  },
};

export default dropout;

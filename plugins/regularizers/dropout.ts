/**
 * Inverted dropout (Srivastava et al., 2014, "Dropout: A Simple Way to Prevent Neural Networks from
 * Overfitting"): in training
 *
 *   y = x * mask / (1 - rate),   mask_i ~ Bernoulli(1 - rate) independently per element
 *
 * with a fresh mask every step drawn from the trial's generator (ctx.nextSeed()), so a trial's masks are
 * reproduced by its seed; identity in evaluation. Placed after the activation of dense layers unless the
 * suite says otherwise; at conv sites it drops single activations (torch's nn.Dropout), not channels.
 * Differences: a tfjs-layers Dropout given a fixed seed reuses one mask every step; here it never does.
 * torch draws from its global generator.
 */
import type { LayerRegularizerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

/** Hyper-parameters of `dropout`. */
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
        const scaledMask = tf.randomUniform(x.shape, 0, 1, 'float32', ctx.nextSeed()).greaterEqual(p.rate).cast('float32').mul(1 / (1 - p.rate));
        return x.mul(scaledMask);
      },
    };
  },
};

export default dropout;

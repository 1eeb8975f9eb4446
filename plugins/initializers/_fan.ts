/**
 * Shared pieces of the initializers: the fan a variance-scaling rule uses, and its schema.
 * fanIn and fanOut of a convolution kernel [kh, kw, in, out] are kh * kw * in and kh * kw * out, as in
 * PyTorch and Keras.
 */
import type { InitContext } from '../../core/plugin/contracts';

/** Which fan a variance-scaling initializer divides by. */
export type FanMode = 'fanIn' | 'fanOut';

/** The fan selected by `mode`. */
export function fan(ctx: InitContext, mode: FanMode): number {
  return mode === 'fanIn' ? ctx.fanIn : ctx.fanOut;
}

/** Schema of the `mode` hyper-parameter (torch's `mode='fan_in' | 'fan_out'`). */
export const modeParam = {
  enum: ['fanIn', 'fanOut'],
  default: 'fanIn',
  description: 'fan used for the variance: fanIn preserves it forward, fanOut backward',
};

/** Schema of the `gain` hyper-parameter. */
export const gainParam = { type: 'number', exclusiveMinimum: 0, default: 1, description: 'scale factor (torch: nn.init.calculate_gain)' };

/** Schema of He's `negativeSlope` hyper-parameter (torch's `a`). */
export const negativeSlopeParam = { type: 'number', minimum: 0, default: 0, description: 'negative slope of the (leaky) ReLU that follows' };

/**
 * Step, tfjs-node's kernel replaced: the derivative of relu, 1 where x > 0, `alpha` elsewhere, NaN for
 * NaN. tfjs-node builds it from seven TensorFlow ops, two of them full-size constant fills (isNaN,
 * greater, scalar, ones, fill, where, select). Every relu in a model calls it once per backward pass,
 * and on LeNet-5 its four calls cost more than the forward convolutions. For alpha = 0 and float32 it
 * is two ops here:
 *   step(x) = Maximum(Sign(x), 0)
 * Sign gives -1, 0 (for -0 and 0), 1 or NaN; Maximum propagates NaN (TensorFlow's CPU kernels). The
 * test compares the two on -inf, -1, -0, 0, denormals, 1, inf and NaN. Other cases use tfjs-node's kernel.
 * Knows nothing of the other kernels.
 */
import * as tf from '../../tf';
import { floatT, type NodeBackend } from './binding';

/** Step in place of `original`, tfjs-node's kernel, which it keeps for alpha != 0 or other dtypes. */
export function stepConfig(original: tf.KernelConfig): tf.KernelConfig {
  const zero = tf.tidy(() => tf.keep(tf.scalar(0, 'float32')));
  const fallback = original.kernelFunc;
  return {
    ...original,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      const alpha = (args.attrs as { alpha?: number } | undefined)?.alpha ?? 0;
      if (alpha !== 0 || x.dtype !== 'float32') return fallback(args);
      const b = args.backend as NodeBackend;
      const T = [floatT(b)];
      const sign = b.executeSingleOutput('Sign', T, [x]);
      const out = b.executeSingleOutput('Maximum', T, [sign, zero]);
      sign.dispose();
      return out;
    },
  };
}

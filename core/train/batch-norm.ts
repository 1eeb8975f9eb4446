/**
 * Batch normalisation of a training batch, for the batch-norm plugin: per channel (the last axis), the
 * batch mean and biased variance over all other axes normalise x, then gamma scales and beta shifts.
 * Returns the output, the batch mean and the Bessel-corrected variance (n / (n - 1) times the biased one,
 * n values per channel; the biased one when n = 1), which the running averages take, as in torch.
 *
 * On the tensorflow backend it is TensorFlow's FusedBatchNormV3 and, for the gradients of x, gamma and
 * beta, FusedBatchNormGradV3 (core/backends/native/batch-norm.ts): two ops where tfjs' composite takes ~25,
 * most of them passes over the activations. A dense site's [rows, channels] is seen as [rows, 1, 1,
 * channels]. Elsewhere it is the composite: tf.moments and the normalisation.
 */
import { BATCH_NORM_GRAD_KERNEL, BATCH_NORM_KERNEL, nativeKernelFor } from '../backends/native';
import * as tf from '../tf';

export interface BatchNormTraining {
  y: tf.Tensor;
  mean: tf.Tensor1D;
  unbiasedVariance: tf.Tensor1D;
}

export function batchNormTraining(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number): BatchNormTraining {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const n = axes.reduce((k, a) => k * x.shape[a]!, 1);
  const correction = n > 1 ? n / (n - 1) : 1;
  const native = (x.rank === 4 || x.rank === 2) && nativeKernelFor(BATCH_NORM_KERNEL, x);
  if (!native) {
    const { mean, variance } = tf.moments(x, axes);
    const y = x.sub(mean).mul(variance.add(eps).rsqrt().mul(gamma)).add(beta);
    return { y, mean: mean as tf.Tensor1D, unbiasedVariance: variance.mul(correction) as tf.Tensor1D };
  }
  const attrs = { eps } as unknown as tf.NamedAttrMap;
  let stats: tf.Tensor[] = [];
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x4, g, b] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const outs = tf.engine().runKernel(BATCH_NORM_KERNEL, { x: x4!, scale: g!, offset: b! }, attrs) as tf.Tensor[];
    save([x4!, g!, outs[3]!, outs[4]!, outs[5]!]);
    // customGrad disposes what its forward function made besides the value: keep the statistics here,
    // and hand out tracked clones below.
    stats = [tf.keep(outs[1]!), tf.keep(outs[2]!)];
    return {
      value: outs[0]!,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sg, r1, r2, r3] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        return tf.engine().runKernel(BATCH_NORM_GRAD_KERNEL, { dy, x: sx, scale: sg, r1, r2, r3 }, attrs) as tf.Tensor[];
      },
    };
  });
  const x4 = x.rank === 4 ? x : x.reshape([x.shape[0]!, 1, 1, x.shape[1]!]);
  const y4 = f(x4, gamma, beta) as tf.Tensor;
  const [mean, unbiasedVariance] = stats.map((t) => t.clone() as tf.Tensor1D);
  tf.dispose(stats);
  return { y: x.rank === 4 ? y4 : y4.reshape(x.shape), mean: mean!, unbiasedVariance: unbiasedVariance! };
}

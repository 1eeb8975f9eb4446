/**
 * Softmax cross-entropy of one-hot `labels` and `logits` [rows, classes], the loss of every model here.
 *
 * On the tensorflow backend it is TensorFlow's fused SoftmaxCrossEntropyWithLogits: one op gives each
 * row's loss and its gradient (softmax(logits) - labels), kept for the backward pass, which is then one
 * multiplication. tfjs' tf.losses.softmaxCrossEntropy, used on the other backends, builds the same
 * values from ~30 ops forward and backward (logSoftmax, products, reductions, the weighting of
 * computeWeightedLoss). Both compute log-sum-exp after subtracting the row maximum; they differ by
 * float32 rounding only (core/train/loss.test.ts compares them).
 */
import { nativeKernelFor, SOFTMAX_XENT_KERNEL } from '../backends/native';
import * as tf from '../tf';

/** The mean over rows ('mean', what training differentiates) or the sum ('sum', for evaluation). */
export function softmaxCrossEntropy(labels: tf.Tensor, logits: tf.Tensor, reduction: 'mean' | 'sum' = 'mean'): tf.Scalar {
  if (!nativeKernelFor(SOFTMAX_XENT_KERNEL, logits)) {
    return tf.losses.softmaxCrossEntropy(labels, logits, undefined, undefined, reduction === 'sum' ? tf.Reduction.SUM : tf.Reduction.SUM_BY_NONZERO_WEIGHTS) as tf.Scalar;
  }
  const rows = logits.shape[0]!;
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const z = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const [perRow, grad] = tf.engine().runKernel(SOFTMAX_XENT_KERNEL, { logits: z, labels }) as tf.Tensor[];
    save([grad!]);
    const value = reduction === 'sum' ? perRow!.sum() : perRow!.mean();
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => saved[0]!.mul(reduction === 'sum' ? dy : dy.div(rows)),
    };
  });
  return f(logits) as tf.Scalar;
}


/**
 * Softmax cross-entropy as TensorFlow's one SoftmaxCrossEntropyWithLogits op (per-row loss and its
 * gradient, softmax - labels, in one pass) instead of tfjs' composite of ~30 ops forward and backward:
 * see core/train/loss.ts, which calls it on tensorflow only. Knows nothing of the other kernels.
 */
import * as tf from '../../tf';
import { floatT, type NodeBackend, SOFTMAX_XENT_KERNEL } from './binding';

/** BenchSoftmaxXent: inputs {logits, labels}; outputs [loss per row, gradient]. */
export const softmaxXentConfig: tf.KernelConfig = {
  kernelName: SOFTMAX_XENT_KERNEL,
  backendName: 'tensorflow',
  kernelFunc: ({ inputs, backend }) => {
    const { logits, labels } = inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo };
    const b = backend as NodeBackend;
    const T = [floatT(b)];
    return b.executeMultipleOutputs('SoftmaxCrossEntropyWithLogits', T, [logits, labels], 2);
  },
};

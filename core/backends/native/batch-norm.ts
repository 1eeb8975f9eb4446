/**
 * Batch normalisation in training. TensorFlow's FusedBatchNormV3 gives the normalised output, the
 * batch mean and the Bessel-corrected batch variance (what the running average takes) in one pass, and
 * FusedBatchNormGradV3 the gradients of x, scale and offset from the reserve spaces it kept; tfjs'
 * composite (moments, normalisation, their broadcasts and reductions) is ~25 ops over the activations.
 * core/train/batch-norm.ts pairs them in a custom gradient. With exponential_avg_factor 1 the op ignores its
 * mean and variance inputs in training; the offset is passed for both. Knows nothing of the other kernels.
 */
import * as tf from '../../tf';
import { BATCH_NORM_GRAD_KERNEL, BATCH_NORM_KERNEL, boolAttr, floatAttr, floatT, type NodeBackend, nhwc, type OpAttr, typeAttr } from './binding';

const attrsOf = (b: NodeBackend, eps: number): OpAttr[] => [
  floatT(b),
  typeAttr(b, 'U', b.binding.TF_FLOAT),
  floatAttr(b, 'epsilon', eps),
  nhwc(b),
  boolAttr(b, 'is_training', true),
];

/** BenchFusedBatchNorm: inputs {x, scale, offset}, attrs {eps}; outputs [y, mean, unbiased variance, r1, r2, r3]. */
export const batchNormConfig: tf.KernelConfig = {
  kernelName: BATCH_NORM_KERNEL,
  backendName: 'tensorflow',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const b = backend as NodeBackend;
    const { x, scale, offset } = inputs as Record<'x' | 'scale' | 'offset', tf.TensorInfo>;
    const factor = floatAttr(b, 'exponential_avg_factor', 1);
    return b.executeMultipleOutputs('FusedBatchNormV3', [...attrsOf(b, (attrs as { eps: number }).eps), factor], [x, scale, offset, offset, offset], 6);
  },
};

/** BenchFusedBatchNormGrad: inputs {dy, x, scale, r1, r2, r3}, attrs {eps}; outputs [dx, dscale, doffset]. */
export const batchNormGradConfig: tf.KernelConfig = {
  kernelName: BATCH_NORM_GRAD_KERNEL,
  backendName: 'tensorflow',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const b = backend as NodeBackend;
    const { dy, x, scale, r1, r2, r3 } = inputs as Record<'dy' | 'x' | 'scale' | 'r1' | 'r2' | 'r3', tf.TensorInfo>;
    const outs = b.executeMultipleOutputs('FusedBatchNormGradV3', attrsOf(b, (attrs as { eps: number }).eps), [dy, x, scale, r1, r2, r3], 5);
    tf.dispose(outs.slice(3));
    return outs.slice(0, 3);
  },
};

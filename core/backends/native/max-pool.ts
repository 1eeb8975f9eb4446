/**
 * Max pooling with oneDNN. TensorFlow's eager CPU MaxPoolGrad recomputes every window's maximum in a
 * scalar loop and was the costliest kernel of a LeNet-5 or CIFAR CNN step (4-10 ms of it at batch 64).
 * oneDNN's pooling, which TensorFlow's graph optimiser gives Keras but eager execution does not, keeps
 * a workspace (the index of each window's maximum) from the forward pass, and its backward pass
 * scatters the gradient through it: 5-13x faster on the baselines' shapes, the same values bit for bit
 * (both route a window's gradient to its first maximum). BenchMaxPool runs `_MklNativeMaxPool` with its
 * workspace as a second output, BenchMaxPoolGrad runs `_MklNativeMaxPoolGrad` with it;
 * core/models/max-pool.ts pairs them in a custom gradient. Both are selected in eager mode by their
 * kernel label, MklNameChangeOp. Knows nothing of the other kernels.
 */
import * as tf from '../../tf';
import { boolAttr, floatT, intsAttr, MAX_POOL_GRAD_KERNEL, MAX_POOL_KERNEL, type MaxPoolAttrs, type NodeBackend, nhwc, oneDnnLabel, type OpAttr, probe, stringAttr } from './binding';

const attrsOf = (b: NodeBackend, a: MaxPoolAttrs): OpAttr[] => [
  floatT(b),
  intsAttr(b, 'ksize', [1, a.size, a.size, 1]),
  intsAttr(b, 'strides', [1, a.stride, a.stride, 1]),
  stringAttr(b, 'padding', a.padding.toUpperCase()),
  nhwc(b),
  boolAttr(b, 'workspace_enabled', true),
  oneDnnLabel(b),
];

/**
 * Whether oneDNN's pooling is there. Without it (a TensorFlow built without oneDNN) the kernels are
 * not registered and core/models/max-pool.ts uses tf.maxPool.
 */
export function maxPoolAvailable(): boolean {
  return probe((b) => b.executeMultipleOutputs('_MklNativeMaxPool', attrsOf(b, { size: 1, stride: 1, padding: 'valid' }), [tf.ones([1, 1, 1, 1])], 2));
}

/** BenchMaxPool: inputs {x}, attrs MaxPoolAttrs; outputs [y, workspace]. */
export const maxPoolConfig: tf.KernelConfig = {
  kernelName: MAX_POOL_KERNEL,
  backendName: 'tensorflow',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const b = backend as NodeBackend;
    const { x } = inputs as { x: tf.TensorInfo };
    return b.executeMultipleOutputs('_MklNativeMaxPool', attrsOf(b, attrs as unknown as MaxPoolAttrs), [x], 2);
  },
};

/** BenchMaxPoolGrad: inputs {x, y, dy, workspace}, the same attrs; output dx. */
export const maxPoolGradConfig: tf.KernelConfig = {
  kernelName: MAX_POOL_GRAD_KERNEL,
  backendName: 'tensorflow',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const b = backend as NodeBackend;
    const { x, y, dy, workspace } = inputs as Record<'x' | 'y' | 'dy' | 'workspace', tf.TensorInfo>;
    return b.executeSingleOutput('_MklNativeMaxPoolGrad', attrsOf(b, attrs as unknown as MaxPoolAttrs), [x, y, dy, workspace]);
  },
};

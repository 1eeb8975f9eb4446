/**
 * 2-D max pooling of NHWC activations for the models. On the tensorflow backend, where the oneDNN
 * kernels of core/backends/native/max-pool.ts are registered, the forward pass keeps oneDNN's workspace
 * (where each window's maximum was) for the backward pass, which then only scatters the gradient; the
 * values are those of tf.maxPool and its gradient. Elsewhere it is tf.maxPool.
 */
import { MAX_POOL_GRAD_KERNEL, MAX_POOL_KERNEL, type MaxPoolAttrs, nativeKernelFor } from '../backends/native';
import * as tf from '../tf';

export function maxPool(x: tf.Tensor4D, size: number, stride: number, padding: 'valid' | 'same' = 'valid'): tf.Tensor4D {
  if (!nativeKernelFor(MAX_POOL_KERNEL, x)) return tf.maxPool(x, size, stride, padding);
  const attrs: MaxPoolAttrs = { size, stride, padding };
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor4D;
    const save = args[1] as tf.GradSaveFunc;
    const [y, workspace] = tf.engine().runKernel(MAX_POOL_KERNEL, { x: input }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    save([input, y!, workspace!]);
    return {
      value: y!,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.engine().runKernel(MAX_POOL_GRAD_KERNEL, { x: saved[0]!, y: saved[1]!, dy, workspace: saved[2]! }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor,
    };
  });
  return f(x) as tf.Tensor4D;
}

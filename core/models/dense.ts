/**
 * A dense layer, x W + b, for the models. On the tensorflow backend it is bench's BenchDense kernel
 * (TensorFlow's MatMul and BiasAdd; gradients MatMul and BiasAddGrad, see core/backends/native/dense.ts):
 * 5 TensorFlow ops forward and backward where tfjs' fused matMul takes about 16, most of them reshapes.
 * Elsewhere it is tf.fused.matMul.
 */
import { DENSE_KERNEL, nativeKernelFor } from '../backends/native';
import * as tf from '../tf';

export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  if (!nativeKernelFor(DENSE_KERNEL, x)) return tf.fused.matMul({ a: x, b: w, bias: b }) as tf.Tensor2D;
  return tf.engine().runKernel(DENSE_KERNEL, { x, w, b }) as tf.Tensor as tf.Tensor2D;
}

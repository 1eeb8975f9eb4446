/**
 * A 2-D convolution with a bias, NHWC, for the models. On the tensorflow backend it is bench's
 * BenchConv2D kernel (Conv2D and BiasAdd; gradients Conv2DBackpropInput, Conv2DBackpropFilter and
 * BiasAddGrad, each only where needed: see core/backends/native/conv.ts). Elsewhere it is tfjs' fused
 * conv2d, or, on data (`onData`: nothing needs the input's gradient), conv2d and add, since the fused
 * op's gradient computes the input's gradient (a Conv2DBackpropInput over the whole batch) regardless.
 */
import { CONV_KERNEL, type ConvAttrs, nativeKernelFor } from '../backends/native';
import * as tf from '../tf';

export function conv2dBias(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, stride: number, pad: 'valid' | 'same', onData: boolean): tf.Tensor4D {
  if (nativeKernelFor(CONV_KERNEL, x)) {
    const attrs: ConvAttrs = { stride, pad };
    return tf.engine().runKernel(CONV_KERNEL, { x, filter, bias }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  }
  return onData ? tf.add(tf.conv2d(x, filter, stride, pad), bias) : tf.fused.conv2d({ x, filter, bias, strides: stride, pad });
}

/**
 * Relu's gradient in one op. In tfjs-core it is dy * cast(step(x)): on tensorflow, Sign, Maximum and
 * Mul, three passes over the activations. TensorFlow's own ReluGrad does it in one: dx = x > 0 ? dy : 0.
 * The values are the same wherever x and dy are finite (dy * 0 gives -0 for negative dy where ReluGrad
 * gives 0, which compare and add alike); with x NaN, or dy non-finite where x <= 0, ReluGrad gives 0
 * where tfjs gives NaN. Training diverges on the NaN in the forward pass either way. Other backends keep
 * tfjs' gradient; no second derivative is defined through it on tensorflow (bench takes none).
 * Knows nothing of the other kernels.
 */
import * as tf from '../../tf';
import { floatT, type NodeBackend, RELU_GRAD_KERNEL } from './binding';

/** BenchReluGrad: inputs {dy, x}; output dx. */
export const reluGradConfig: tf.KernelConfig = {
  kernelName: RELU_GRAD_KERNEL,
  backendName: 'tensorflow',
  kernelFunc: ({ inputs, backend }) => {
    const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
    const b = backend as NodeBackend;
    return b.executeSingleOutput('ReluGrad', [floatT(b)], [dy, x]);
  },
};

/** Relu's gradient in place of `original` (tfjs-core's): BenchReluGrad on tensorflow and float32, `original` elsewhere. */
export function reluGradientConfig(original: tf.GradConfig): tf.GradConfig {
  return {
    ...original,
    gradFunc: (dy, saved, attrs) => {
      const x = saved[0]!;
      if (tf.getBackend() !== 'tensorflow' || x.dtype !== 'float32' || (dy as tf.Tensor).dtype !== 'float32') return original.gradFunc(dy, saved, attrs);
      return { x: () => tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: dy as tf.Tensor, x }) as tf.Tensor };
    },
  };
}

/**
 * Dense layers. tfjs' matMul reshapes both operands to 3-D for BatchMatMul and the product back, in
 * the forward pass and in each of its gradients, and adds the bias by a broadcast Add whose gradient is
 * a Sum and a Reshape. BenchDense is TensorFlow's MatMul and BiasAdd; its gradient (registered here,
 * so only the inputs that need one get one) is MatMul with transposed operands and BiasAddGrad. The
 * BiasAddGrad kernel is also the bias gradient of convolutions without oneDNN (conv.ts runs it by name).
 * Knows nothing of the other kernels.
 */
import * as tf from '../../tf';
import { BIAS_GRAD_KERNEL, biasAdd, boolAttr, DENSE_KERNEL, floatT, type NodeBackend, nhwc, runKernel } from './binding';

/** MatMul with optional transposes: inputs {a, b}, attrs {ta, tb}; the dense gradients. */
const MATMUL_KERNEL = 'BenchMatMul';

const matMul = (b: NodeBackend, x: tf.TensorInfo, y: tf.TensorInfo, ta: boolean, tb: boolean) =>
  b.executeSingleOutput('MatMul', [floatT(b), boolAttr(b, 'transpose_a', ta), boolAttr(b, 'transpose_b', tb)], [x, y]);

/** BenchDense: inputs {x, w, b}; output x W + b. */
export const denseConfig: tf.KernelConfig = {
  kernelName: DENSE_KERNEL,
  backendName: 'tensorflow',
  kernelFunc: ({ inputs, backend }) => {
    const b = backend as NodeBackend;
    const { x, w, b: bias } = inputs as Record<'x' | 'w' | 'b', tf.TensorInfo>;
    const xw = matMul(b, x, w, false, false);
    const out = biasAdd(b, xw, bias);
    xw.dispose();
    return out;
  },
};

/** BenchMatMul: inputs {a, b}, attrs {ta, tb}. */
export const matMulConfig: tf.KernelConfig = {
  kernelName: MATMUL_KERNEL,
  backendName: 'tensorflow',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { a, b: m } = inputs as Record<'a' | 'b', tf.TensorInfo>;
    const { ta, tb } = attrs as { ta: boolean; tb: boolean };
    return matMul(backend as NodeBackend, a, m, ta, tb);
  },
};

/** BenchBiasAddGrad: inputs {dy}; the bias gradient, dy summed over all axes but the last. */
export const biasAddGradConfig: tf.KernelConfig = {
  kernelName: BIAS_GRAD_KERNEL,
  backendName: 'tensorflow',
  kernelFunc: ({ inputs, backend }) => {
    const b = backend as NodeBackend;
    return b.executeSingleOutput('BiasAddGrad', [floatT(b), nhwc(b)], [(inputs as { dy: tf.TensorInfo }).dy]);
  },
};

/** BenchDense's gradient: each of x, w and b only where asked for. */
export const denseGradConfig: tf.GradConfig = {
  kernelName: DENSE_KERNEL,
  inputsToSave: ['x', 'w'],
  gradFunc: (dy, saved) => {
    const [x, w] = saved as [tf.Tensor, tf.Tensor];
    const g = dy as tf.Tensor;
    return {
      x: () => runKernel(MATMUL_KERNEL, { a: g, b: w }, { ta: false, tb: true }),
      w: () => runKernel(MATMUL_KERNEL, { a: x, b: g }, { ta: true, tb: false }),
      b: () => runKernel(BIAS_GRAD_KERNEL, { dy: g }),
    };
  },
};

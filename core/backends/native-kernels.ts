/**
 * Kernels of the tensorflow backend (tfjs-node) replaced by cheaper equivalents with the same values.
 *
 * Step (the derivative of relu: 1 where x > 0, `alpha` elsewhere, NaN for NaN) is built by tfjs-node
 * from seven TensorFlow ops, two of them full-size constant fills (isNaN, greater, scalar, ones, fill,
 * where, select). Every relu in a model calls it once per backward pass, and on LeNet-5 its four calls
 * cost more than the forward convolutions. For alpha = 0 and float32 it is two ops here:
 *   step(x) = Maximum(Sign(x), 0)
 * Sign gives -1, 0 (for -0 and 0), 1 or NaN; Maximum propagates NaN (TensorFlow's CPU kernels). The
 * test compares the two on -inf, -1, -0, 0, denormals, 1, inf and NaN. Other cases use tfjs-node's kernel.
 *
 * Relu's gradient is dy * cast(step(x)) in tfjs-core: on tensorflow, Sign, Maximum and Mul, three passes
 * over the activations. TensorFlow's own ReluGrad does it in one: dx = x > 0 ? dy : 0. The values are
 * the same wherever x and dy are finite (dy * 0 gives -0 for negative dy where ReluGrad gives 0, which
 * compare and add alike); with x NaN, or dy non-finite where x <= 0, ReluGrad gives 0 where tfjs gives
 * NaN. Training diverges on the NaN in the forward pass either way. Other backends keep tfjs' gradient;
 * no second derivative is defined through it on tensorflow (bench takes none).
 */
import * as tf from '../tf';

interface NodeBinding {
  TF_ATTR_TYPE: number;
  TF_FLOAT: number;
}

interface NodeBackend extends tf.KernelBackend {
  binding: NodeBinding;
  executeSingleOutput(name: string, attrs: unknown[], inputs: tf.TensorInfo[]): tf.Tensor;
}

/** Kernel name of the one-op relu gradient, registered for the tensorflow backend only. */
export const RELU_GRAD_KERNEL = 'BenchReluGrad';

let registered = false;
let zero: tf.Tensor | undefined;

/** Registers the kernels above for the tensorflow backend (once; call after the binding loaded). */
export function registerNativeKernels(): void {
  if (registered || !tf.findBackend('tensorflow')) return;
  const step = tf.getKernel('Step', 'tensorflow');
  if (!step) return;
  registered = true;
  zero = tf.tidy(() => tf.keep(tf.scalar(0, 'float32')));
  const fallback = step.kernelFunc;
  tf.unregisterKernel('Step', 'tensorflow');
  tf.registerKernel({
    ...step,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      const alpha = (args.attrs as { alpha?: number } | undefined)?.alpha ?? 0;
      if (alpha !== 0 || x.dtype !== 'float32') return fallback(args);
      const b = args.backend as NodeBackend;
      const T = [{ name: 'T', type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_FLOAT }];
      const sign = b.executeSingleOutput('Sign', T, [x]);
      const out = b.executeSingleOutput('Maximum', T, [sign, zero!]);
      sign.dispose();
      return out;
    },
  });

  tf.registerKernel({
    kernelName: RELU_GRAD_KERNEL,
    backendName: 'tensorflow',
    kernelFunc: ({ inputs, backend }) => {
      const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
      const b = backend as NodeBackend;
      return b.executeSingleOutput('ReluGrad', [{ name: 'T', type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_FLOAT }], [dy, x]);
    },
  });
  const reluGrad = tf.getGradient('Relu');
  if (reluGrad) {
    tf.registerGradient({
      ...reluGrad,
      gradFunc: (dy, saved, attrs) => {
        const x = saved[0]!;
        if (tf.getBackend() !== 'tensorflow' || x.dtype !== 'float32' || (dy as tf.Tensor).dtype !== 'float32') return reluGrad.gradFunc(dy, saved, attrs);
        return { x: () => tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: dy as tf.Tensor, x }) as tf.Tensor };
      },
    });
  }
}

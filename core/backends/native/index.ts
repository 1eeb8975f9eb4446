/**
 * Kernels of the tensorflow backend (tfjs-node) replaced by cheaper equivalents with the same values,
 * laid out as tfjs' own backends lay theirs (tfjs-backend-wasm/src/kernels/: one kernel per file, each
 * exporting its config, gathered by register_all_kernels.ts): binding.ts holds what they share, each
 * other file one kernel (with its gradient and its probe where it has them) and says why it is cheaper.
 * This file registers them and exports what callers need: the kernel names, `nativeKernelFor`, the
 * attribute types and SHAPE_CACHE. It knows what each kernel needs to be registered, not how it works.
 */
import * as tf from '../../tf';
import { batchNormConfig, batchNormGradConfig } from './batch-norm';
import { convConfigs, convGradConfig, oneDnnConvAvailable } from './conv';
import { biasAddGradConfig, denseConfig, denseGradConfig, matMulConfig } from './dense';
import { maxPoolAvailable, maxPoolConfig, maxPoolGradConfig } from './max-pool';
import { reluGradConfig, reluGradientConfig } from './relu-grad';
import { reshapeConfig } from './reshape';
import { softmaxXentConfig } from './softmax-xent';
import { stepConfig } from './step';

export {
  BATCH_NORM_GRAD_KERNEL,
  BATCH_NORM_KERNEL,
  CONV_KERNEL,
  type ConvAttrs,
  DENSE_KERNEL,
  MAX_POOL_GRAD_KERNEL,
  MAX_POOL_KERNEL,
  type MaxPoolAttrs,
  nativeKernelFor,
  RELU_GRAD_KERNEL,
  SOFTMAX_XENT_KERNEL,
} from './binding';
export { SHAPE_CACHE } from './reshape';

let registered = false;

/** Registers the kernels for the tensorflow backend (once; call after the binding loaded). */
export function registerNativeKernels(): void {
  if (registered || !tf.findBackend('tensorflow')) return;
  const step = tf.getKernel('Step', 'tensorflow');
  if (!step) return;
  registered = true;
  const reshape = tf.getKernel('Reshape', 'tensorflow');
  // tfjs-node's own kernels, replaced: each keeps the original for the cases it does not take.
  for (const config of [stepConfig(step), ...(reshape ? [reshapeConfig(reshape)] : [])]) {
    tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel(config);
  }
  // The oneDNN kernels where the probes find oneDNN; max pooling is left to tfjs without it.
  const oneDnnConv = oneDnnConvAvailable();
  const kernelConfigs: tf.KernelConfig[] = [
    reluGradConfig,
    ...(maxPoolAvailable() ? [maxPoolConfig, maxPoolGradConfig] : []),
    denseConfig,
    matMulConfig,
    biasAddGradConfig,
    batchNormConfig,
    batchNormGradConfig,
    ...convConfigs(oneDnnConv),
    softmaxXentConfig,
  ];
  for (const config of kernelConfigs) tf.registerKernel(config);
  const relu = tf.getGradient('Relu');
  const gradConfigs: tf.GradConfig[] = [denseGradConfig, convGradConfig(oneDnnConv), ...(relu ? [reluGradientConfig(relu)] : [])];
  for (const config of gradConfigs) tf.registerGradient(config);
}

/**
 * What bench's kernels for the tensorflow backend (tfjs-node) share: the part of tfjs-node's
 * NodeJSKernelBackend and its binding they call, the kernel names callers run, the attribute types,
 * the helpers that build TensorFlow op attributes and run ops, and `probe`, which asks whether a oneDNN
 * op is there. It knows no kernel in particular: each lives in its own file beside this one and
 * index.ts registers them.
 */
import * as tf from '../../tf';

/** The calls into tfjs-node's binding (TensorFlow's eager C API) the kernels make. */
export interface NodeBinding {
  TF_ATTR_TYPE: number;
  TF_FLOAT: number;
  TF_INT32: number;
  TF_BOOL: number;
  TF_ATTR_INT: number;
  TF_ATTR_BOOL: number;
  TF_ATTR_STRING: number;
  TF_ATTR_FLOAT: number;
  createTensor(shape: number[], dtype: number, values: Int32Array): number;
  deleteTensor(id: number): void;
  executeOp(name: string, attrs: unknown[], inputIds: number[], numOutputs: number): unknown[];
}

/** tfjs-node's backend, as the kernels use it. */
export interface NodeBackend extends tf.KernelBackend {
  binding: NodeBinding;
  getInputTensorIds(tensors: tf.TensorInfo[]): number[];
  createOutputTensor(metadata: unknown): tf.Tensor;
  executeSingleOutput(name: string, attrs: unknown[], inputs: tf.TensorInfo[]): tf.Tensor;
  executeMultipleOutputs(name: string, attrs: unknown[], inputs: tf.TensorInfo[], numOutputs: number): tf.Tensor[];
}

/** Kernel name of the one-op relu gradient, registered for the tensorflow backend only. */
export const RELU_GRAD_KERNEL = 'BenchReluGrad';
/** Kernel name of the fused softmax cross-entropy: inputs {logits, labels}, outputs [loss per row, gradient]. */
export const SOFTMAX_XENT_KERNEL = 'BenchSoftmaxXent';
/** Max pooling with oneDNN: inputs {x}, attrs {size, stride, padding}; outputs [y, workspace]. */
export const MAX_POOL_KERNEL = 'BenchMaxPool';
/** Its gradient: inputs {x, y, dy, workspace}, the same attrs; output dx. */
export const MAX_POOL_GRAD_KERNEL = 'BenchMaxPoolGrad';
/** Dense layer x W + b: inputs {x: [rows, in], w: [in, out], b: [out]}; output [rows, out]. */
export const DENSE_KERNEL = 'BenchDense';
/** Batch norm in training, NHWC: inputs {x, scale, offset}, attrs {eps}; outputs [y, mean, unbiased variance, r1, r2, r3]. */
export const BATCH_NORM_KERNEL = 'BenchFusedBatchNorm';
/** Its gradient: inputs {dy, x, scale, r1, r2, r3}, attrs {eps}; outputs [dx, dscale, doffset]. */
export const BATCH_NORM_GRAD_KERNEL = 'BenchFusedBatchNormGrad';
/** Convolution plus bias, NHWC, no dilation: inputs {x, filter, bias}, attrs {stride, pad}. */
export const CONV_KERNEL = 'BenchConv2D';
/** A bias's gradient (BiasAddGrad, NHWC): inputs {dy}; the dense and convolution gradients take it. */
export const BIAS_GRAD_KERNEL = 'BenchBiasAddGrad';

/** Attributes of BenchConv2D. */
export interface ConvAttrs {
  stride: number;
  pad: 'valid' | 'same';
}

/** Attributes of the two max-pool kernels. */
export interface MaxPoolAttrs {
  size: number;
  stride: number;
  padding: 'valid' | 'same';
}

/** One attribute of a TensorFlow op, as the binding takes it. */
export interface OpAttr {
  name: string;
  type: number;
  value: unknown;
}

/** A type attribute: `value` is one of the binding's TF_FLOAT, TF_INT32, TF_BOOL. */
export const typeAttr = (b: NodeBackend, name: string, value: number): OpAttr => ({ name, type: b.binding.TF_ATTR_TYPE, value });
/** The float32 type attribute `T` of a TensorFlow op. */
export const floatT = (b: NodeBackend): OpAttr => typeAttr(b, 'T', b.binding.TF_FLOAT);
/** The attribute `data_format` = NHWC. */
export const nhwc = (b: NodeBackend): OpAttr => stringAttr(b, 'data_format', 'NHWC');
/** The kernel label that selects a oneDNN (`_MklNative...`) op in eager mode. */
export const oneDnnLabel = (b: NodeBackend): OpAttr => stringAttr(b, '_kernel', 'MklNameChangeOp');
/** An int list attribute. */
export const intsAttr = (b: NodeBackend, name: string, value: number[]): OpAttr => ({ name, type: b.binding.TF_ATTR_INT, value });
/** A bool attribute. */
export const boolAttr = (b: NodeBackend, name: string, value: boolean): OpAttr => ({ name, type: b.binding.TF_ATTR_BOOL, value });
/** A string attribute. */
export const stringAttr = (b: NodeBackend, name: string, value: string): OpAttr => ({ name, type: b.binding.TF_ATTR_STRING, value });
/** A float attribute. */
export const floatAttr = (b: NodeBackend, name: string, value: number): OpAttr => ({ name, type: b.binding.TF_ATTR_FLOAT, value });

/** TensorFlow's BiasAdd (NHWC) of `x` and `bias`. */
export function biasAdd(b: NodeBackend, x: tf.TensorInfo, bias: tf.TensorInfo): tf.Tensor {
  return b.executeSingleOutput('BiasAdd', [floatT(b), nhwc(b)], [x, bias]);
}

/** Runs kernel `name` through the engine (recorded for gradients), as gradient functions do. */
export function runKernel<T extends tf.Tensor | tf.Tensor[] = tf.Tensor>(name: string, inputs: tf.NamedTensorMap, attrs: object = {}): T {
  return tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as T;
}

/**
 * Whether bench's kernel `name` serves `x` here: the tensorflow backend is the current one, the kernel
 * is registered (a probe may have left it out) and x is float32. The models, the loss and BatchNorm
 * take their native path only then, tfjs' ops otherwise.
 */
export function nativeKernelFor(name: string, x: tf.Tensor): boolean {
  return x.dtype === 'float32' && tf.getBackend() === 'tensorflow' && tf.getKernel(name, 'tensorflow') !== undefined;
}

/** Whether running `f` on the tensorflow backend succeeds: a oneDNN kernel is there (tidied, run once). */
export function probe(f: (b: NodeBackend) => void): boolean {
  const b = tf.findBackend('tensorflow') as NodeBackend | null;
  if (b === null) return false;
  return tf.tidy(() => {
    try {
      f(b);
      return true;
    } catch {
      return false;
    }
  });
}

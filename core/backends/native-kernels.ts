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
 *
 * Softmax cross-entropy is TensorFlow's one SoftmaxCrossEntropyWithLogits op (per-row loss and its
 * gradient, softmax - labels, in one pass) instead of tfjs' composite of ~30 ops forward and backward:
 * see core/loss.ts, which calls it on tensorflow only.
 *
 * Reshape: tfjs-node uploads the target shape as a new int32 tensor on every call and deletes it after
 * (a tfjs tensor, a TensorFlow tensor handle, two calls into the binding); a training step reshapes
 * 20-40 times (tfjs' matMul alone reshapes its operands to 3-D and back). Here the shape handles are
 * created once per distinct shape and kept in the binding, outside tfjs' tensor accounting (at most
 * SHAPE_CACHE of them; the oldest is deleted first). The Reshape op itself is the same.
 *
 * Max pooling: TensorFlow's eager CPU MaxPoolGrad recomputes every window's maximum in a scalar loop and
 * was the costliest kernel of a LeNet-5 or CIFAR CNN step (4-10 ms of it at batch 64). oneDNN's pooling,
 * which TensorFlow's graph optimiser gives Keras but eager execution does not, keeps a workspace (the
 * index of each window's maximum) from the forward pass, and its backward pass scatters the gradient
 * through it: 5-13x faster on the baselines' shapes, the same values bit for bit (both route a window's
 * gradient to its first maximum). BenchMaxPool runs `_MklNativeMaxPool` with its workspace as a second
 * output, BenchMaxPoolGrad runs `_MklNativeMaxPoolGrad` with it; core/models/max-pool.ts pairs them in
 * a custom gradient. Both are selected in eager mode by their kernel label, MklNameChangeOp.
 *
 * Dense layers: tfjs' matMul reshapes both operands to 3-D for BatchMatMul and the product back, in the
 * forward pass and in each of its gradients, and adds the bias by a broadcast Add whose gradient is a Sum
 * and a Reshape. BenchDense is TensorFlow's MatMul and BiasAdd; its gradient (registered here, so only
 * the inputs that need one get one) is MatMul with transposed operands and BiasAddGrad. Convolutions
 * with a bias likewise: BenchConv2D is Conv2D and BiasAdd (tfjs-node's FusedConv2D adds the bias by a
 * broadcast Add, 10-20% slower, whose gradient is a Sum and a Reshape); its gradients are tfjs'
 * Conv2DBackpropInput and Conv2DBackpropFilter kernels and BiasAddGrad, each only where needed (no
 * input gradient for a first layer on data). Where oneDNN is there (probed), the forward pass is
 * `_MklNativeConv2DWithBias` and the filter and bias gradients one `_MklNativeConv2DBackpropFilterWithBias`.
 *
 * Batch normalisation in training: TensorFlow's FusedBatchNormV3 gives the normalised output, the batch
 * mean and the Bessel-corrected batch variance (what the running average takes) in one pass, and
 * FusedBatchNormGradV3 the gradients of x, scale and offset from the reserve spaces it kept; tfjs'
 * composite (moments, normalisation, their broadcasts and reductions) is ~25 ops over the activations.
 * core/batch-norm.ts pairs them in a custom gradient. With exponential_avg_factor 1 the op ignores its
 * mean and variance inputs in training; the offset is passed for both.
 */
import * as tf from '../tf';

interface NodeBinding {
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

interface NodeBackend extends tf.KernelBackend {
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
const MATMUL_KERNEL = 'BenchMatMul';
const BIAS_GRAD_KERNEL = 'BenchBiasAddGrad';

/** Batch norm in training, NHWC: inputs {x, scale, offset}, attrs {eps}; outputs [y, mean, unbiased variance, r1, r2, r3]. */
export const BATCH_NORM_KERNEL = 'BenchFusedBatchNorm';
/** Its gradient: inputs {dy, x, scale, r1, r2, r3}, attrs {eps}; outputs [dx, dscale, doffset]. */
export const BATCH_NORM_GRAD_KERNEL = 'BenchFusedBatchNormGrad';

/** Convolution plus bias, NHWC, no dilation: inputs {x, filter, bias}, attrs {stride, pad}. */
export const CONV_KERNEL = 'BenchConv2D';

/** Its filter and bias gradients in one oneDNN primitive: inputs {x, dy}, attrs {stride, pad, filterShape}. */
const CONV_FILTER_BIAS_GRAD_KERNEL = 'BenchConv2DFilterBiasGrad';

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

/** Distinct target shapes whose TensorFlow handles are kept. */
export const SHAPE_CACHE = 512;

/** The float32 type attribute `T` of a TensorFlow op. */
const floatT = (b: NodeBackend) => ({ name: 'T', type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_FLOAT });

/**
 * Whether bench's kernel `name` serves `x` here: the tensorflow backend is the current one, the kernel
 * is registered (a probe may have left it out) and x is float32. The models, the loss and BatchNorm
 * take their native path only then, tfjs' ops otherwise.
 */
export function nativeKernelFor(name: string, x: tf.Tensor): boolean {
  return x.dtype === 'float32' && tf.getBackend() === 'tensorflow' && tf.getKernel(name, 'tensorflow') !== undefined;
}

/** Whether running `f` on the tensorflow backend succeeds: a oneDNN kernel is there (tidied, run once). */
function probe(f: (b: NodeBackend) => void): boolean {
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

/** Registers `kernelFunc` as kernel `name` of the tensorflow backend. */
function registerNative(name: string, kernelFunc: tf.KernelFunc): void {
  tf.registerKernel({ kernelName: name, backendName: 'tensorflow', kernelFunc });
}

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
      const T = [floatT(b)];
      const sign = b.executeSingleOutput('Sign', T, [x]);
      const out = b.executeSingleOutput('Maximum', T, [sign, zero!]);
      sign.dispose();
      return out;
    },
  });

  registerNative(RELU_GRAD_KERNEL, ({ inputs, backend }) => {
    const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
    const b = backend as NodeBackend;
    return b.executeSingleOutput('ReluGrad', [floatT(b)], [dy, x]);
  });
  registerReshape();
  registerMaxPool();
  registerDense();
  registerBatchNorm();
  registerConv();

  registerNative(SOFTMAX_XENT_KERNEL, ({ inputs, backend }) => {
    const { logits, labels } = inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo };
    const b = backend as NodeBackend;
    const T = [floatT(b)];
    return b.executeMultipleOutputs('SoftmaxCrossEntropyWithLogits', T, [logits, labels], 2);
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

function registerReshape(): void {
  const original = tf.getKernel('Reshape', 'tensorflow');
  if (!original) return;
  const shapes = new Map<string, number>();
  tf.unregisterKernel('Reshape', 'tensorflow');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      const { shape } = args.attrs as unknown as { shape: number[] };
      const b = args.backend as NodeBackend;
      const type = x.dtype === 'float32' ? b.binding.TF_FLOAT : x.dtype === 'int32' ? b.binding.TF_INT32 : x.dtype === 'bool' ? b.binding.TF_BOOL : undefined;
      if (type === undefined) return original.kernelFunc(args);
      const key = shape.join(',');
      let id = shapes.get(key);
      if (id === undefined) {
        if (shapes.size >= SHAPE_CACHE) {
          const [oldest, oldId] = shapes.entries().next().value as [string, number];
          b.binding.deleteTensor(oldId);
          shapes.delete(oldest);
        }
        id = b.binding.createTensor([shape.length], b.binding.TF_INT32, Int32Array.from(shape));
        shapes.set(key, id);
      }
      const attrs = [
        { name: 'T', type: b.binding.TF_ATTR_TYPE, value: type },
        { name: 'Tshape', type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_INT32 },
      ];
      const [xId] = b.getInputTensorIds([x]);
      const [meta] = b.binding.executeOp('Reshape', attrs, [xId!, id], 1);
      return b.createOutputTensor(meta);
    },
  });
}

function registerMaxPool(): void {
  const attrsOf = (b: NodeBackend, a: MaxPoolAttrs) => [
    floatT(b),
    { name: 'ksize', type: b.binding.TF_ATTR_INT, value: [1, a.size, a.size, 1] },
    { name: 'strides', type: b.binding.TF_ATTR_INT, value: [1, a.stride, a.stride, 1] },
    { name: 'padding', type: b.binding.TF_ATTR_STRING, value: a.padding.toUpperCase() },
    { name: 'data_format', type: b.binding.TF_ATTR_STRING, value: 'NHWC' },
    { name: 'workspace_enabled', type: b.binding.TF_ATTR_BOOL, value: true },
    { name: '_kernel', type: b.binding.TF_ATTR_STRING, value: 'MklNameChangeOp' },
  ];
  // Without oneDNN (a TensorFlow built without it) the kernels are not registered and
  // core/models/max-pool.ts uses tf.maxPool.
  const available = probe((b) => b.executeMultipleOutputs('_MklNativeMaxPool', attrsOf(b, { size: 1, stride: 1, padding: 'valid' }), [tf.ones([1, 1, 1, 1])], 2));
  if (!available) return;
  registerNative(MAX_POOL_KERNEL, ({ inputs, attrs, backend }) => {
    const b = backend as NodeBackend;
    const { x } = inputs as { x: tf.TensorInfo };
    return b.executeMultipleOutputs('_MklNativeMaxPool', attrsOf(b, attrs as unknown as MaxPoolAttrs), [x], 2);
  });
  registerNative(MAX_POOL_GRAD_KERNEL, ({ inputs, attrs, backend }) => {
    const b = backend as NodeBackend;
    const { x, y, dy, workspace } = inputs as Record<'x' | 'y' | 'dy' | 'workspace', tf.TensorInfo>;
    return b.executeSingleOutput('_MklNativeMaxPoolGrad', attrsOf(b, attrs as unknown as MaxPoolAttrs), [x, y, dy, workspace]);
  });
}

function registerDense(): void {
  const matMul = (b: NodeBackend, x: tf.TensorInfo, y: tf.TensorInfo, ta: boolean, tb: boolean) =>
    b.executeSingleOutput(
      'MatMul',
      [floatT(b), { name: 'transpose_a', type: b.binding.TF_ATTR_BOOL, value: ta }, { name: 'transpose_b', type: b.binding.TF_ATTR_BOOL, value: tb }],
      [x, y],
    );
  const nhwc = (b: NodeBackend) => ({ name: 'data_format', type: b.binding.TF_ATTR_STRING, value: 'NHWC' });
  registerNative(DENSE_KERNEL, ({ inputs, backend }) => {
    const b = backend as NodeBackend;
    const { x, w, b: bias } = inputs as Record<'x' | 'w' | 'b', tf.TensorInfo>;
    const xw = matMul(b, x, w, false, false);
    const out = b.executeSingleOutput('BiasAdd', [floatT(b), nhwc(b)], [xw, bias]);
    xw.dispose();
    return out;
  });
  registerNative(MATMUL_KERNEL, ({ inputs, attrs, backend }) => {
    const { a, b: m } = inputs as Record<'a' | 'b', tf.TensorInfo>;
    const { ta, tb } = attrs as { ta: boolean; tb: boolean };
    return matMul(backend as NodeBackend, a, m, ta, tb);
  });
  registerNative(BIAS_GRAD_KERNEL, ({ inputs, backend }) => {
    const b = backend as NodeBackend;
    return b.executeSingleOutput('BiasAddGrad', [floatT(b), nhwc(b)], [(inputs as { dy: tf.TensorInfo }).dy]);
  });
  const run = (name: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap = {}) => tf.engine().runKernel(name, inputs, attrs) as tf.Tensor;
  tf.registerGradient({
    kernelName: DENSE_KERNEL,
    inputsToSave: ['x', 'w'],
    gradFunc: (dy, saved) => {
      const [x, w] = saved as [tf.Tensor, tf.Tensor];
      const g = dy as tf.Tensor;
      return {
        x: () => run(MATMUL_KERNEL, { a: g, b: w }, { ta: false, tb: true }),
        w: () => run(MATMUL_KERNEL, { a: x, b: g }, { ta: true, tb: false }),
        b: () => run(BIAS_GRAD_KERNEL, { dy: g }),
      };
    },
  });
}

function registerBatchNorm(): void {
  const attrs = (b: NodeBackend, eps: number) => [
    floatT(b),
    { name: 'U', type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_FLOAT },
    { name: 'epsilon', type: b.binding.TF_ATTR_FLOAT, value: eps },
    { name: 'data_format', type: b.binding.TF_ATTR_STRING, value: 'NHWC' },
    { name: 'is_training', type: b.binding.TF_ATTR_BOOL, value: true },
  ];
  registerNative(BATCH_NORM_KERNEL, ({ inputs, attrs: a, backend }) => {
    const b = backend as NodeBackend;
    const { x, scale, offset } = inputs as Record<'x' | 'scale' | 'offset', tf.TensorInfo>;
    const factor = { name: 'exponential_avg_factor', type: b.binding.TF_ATTR_FLOAT, value: 1 };
    return b.executeMultipleOutputs('FusedBatchNormV3', [...attrs(b, (a as { eps: number }).eps), factor], [x, scale, offset, offset, offset], 6);
  });
  registerNative(BATCH_NORM_GRAD_KERNEL, ({ inputs, attrs: a, backend }) => {
    const b = backend as NodeBackend;
    const { dy, x, scale, r1, r2, r3 } = inputs as Record<'dy' | 'x' | 'scale' | 'r1' | 'r2' | 'r3', tf.TensorInfo>;
    const outs = b.executeMultipleOutputs('FusedBatchNormGradV3', attrs(b, (a as { eps: number }).eps), [dy, x, scale, r1, r2, r3], 5);
    tf.dispose(outs.slice(3));
    return outs.slice(0, 3);
  });
}

function registerConv(): void {
  const convAttrs = (b: NodeBackend, { stride, pad }: ConvAttrs, mkl: boolean) => [
    floatT(b),
    { name: 'strides', type: b.binding.TF_ATTR_INT, value: [1, stride, stride, 1] },
    { name: 'padding', type: b.binding.TF_ATTR_STRING, value: pad.toUpperCase() },
    { name: 'data_format', type: b.binding.TF_ATTR_STRING, value: 'NHWC' },
    { name: 'use_cudnn_on_gpu', type: b.binding.TF_ATTR_BOOL, value: true },
    { name: 'dilations', type: b.binding.TF_ATTR_INT, value: [1, 1, 1, 1] },
    ...(mkl ? [{ name: '_kernel', type: b.binding.TF_ATTR_STRING, value: 'MklNameChangeOp' }] : []),
  ];
  // oneDNN's convolution with the bias in the same primitive, and its filter gradient with the bias
  // gradient: the values of Conv2D + BiasAdd and Conv2DBackpropFilter + BiasAddGrad bit for bit, 20-30%
  // faster on LeNet-5's C1 and C3. A TensorFlow built without oneDNN lacks them: then the plain ops.
  const one = { stride: 1, pad: 'valid' } as const;
  const mkl = probe((b) => {
    const x = tf.ones([1, 2, 2, 1]);
    b.executeSingleOutput('_MklNativeConv2DWithBias', convAttrs(b, one, true), [x, tf.ones([1, 1, 1, 1]), tf.ones([1])]);
    b.executeMultipleOutputs('_MklNativeConv2DBackpropFilterWithBias', convAttrs(b, one, true), [x, tf.tensor1d([1, 1, 1, 1], 'int32'), x], 2);
  });
  registerNative(CONV_KERNEL, ({ inputs, attrs, backend }) => {
    const b = backend as NodeBackend;
    const { x, filter, bias } = inputs as Record<'x' | 'filter' | 'bias', tf.TensorInfo>;
    const a = attrs as unknown as ConvAttrs;
    if (mkl) return b.executeSingleOutput('_MklNativeConv2DWithBias', convAttrs(b, a, true), [x, filter, bias]);
    const conv = b.executeSingleOutput('Conv2D', convAttrs(b, a, false), [x, filter]);
    const out = b.executeSingleOutput('BiasAdd', [floatT(b), { name: 'data_format', type: b.binding.TF_ATTR_STRING, value: 'NHWC' }], [conv, bias]);
    conv.dispose();
    return out;
  });
  registerNative(CONV_FILTER_BIAS_GRAD_KERNEL, ({ inputs, attrs, backend }) => {
    const b = backend as NodeBackend;
    const { x, dy } = inputs as Record<'x' | 'dy', tf.TensorInfo>;
    const { filterShape, ...a } = attrs as unknown as ConvAttrs & { filterShape: number[] };
    const sizes = tf.tensor1d(filterShape, 'int32');
    const out = b.executeMultipleOutputs('_MklNativeConv2DBackpropFilterWithBias', convAttrs(b, a, true), [x, sizes, dy], 2);
    sizes.dispose();
    return out;
  });
  tf.registerGradient({
    kernelName: CONV_KERNEL,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const { stride, pad } = attrs as unknown as ConvAttrs;
      const common = { strides: stride, pad, dataFormat: 'NHWC', dimRoundingMode: undefined };
      const g = dy as tf.Tensor;
      const run = (name: string, inputs: tf.NamedTensorMap, a: Record<string, unknown>) => tf.engine().runKernel(name, inputs, a as unknown as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
      // Filter and bias gradients come from one oneDNN primitive when there is one. tfjs asks for each
      // input's gradient in its own scope, so the pair is kept and each side handed out as a tracked
      // clone; a side nobody asked for is disposed once the (synchronous) backward pass is over.
      let pair: tf.Tensor[] | undefined;
      const taken = [false, false];
      const take = (i: 0 | 1): tf.Tensor => {
        if (!pair) {
          const made = run(CONV_FILTER_BIAS_GRAD_KERNEL, { x, dy: g }, { stride, pad, filterShape: filter.shape }) as tf.Tensor[];
          pair = made.map((t) => tf.keep(t));
          queueMicrotask(() => made.forEach((t, j) => taken[j] || t.dispose()));
        }
        taken[i] = true;
        const out = pair[i]!.clone();
        pair[i]!.dispose();
        return out;
      };
      return {
        x: () => run('Conv2DBackpropInput', { dy: g, filter }, { ...common, inputShape: x.shape }) as tf.Tensor,
        filter: () => (mkl ? take(0) : (run('Conv2DBackpropFilter', { x, dy: g }, { ...common, filterShape: filter.shape }) as tf.Tensor)),
        bias: () => (mkl ? take(1) : (run(BIAS_GRAD_KERNEL, { dy: g }, {}) as tf.Tensor)),
      };
    },
  });
}

/**
 * Convolutions with a bias. BenchConv2D is Conv2D and BiasAdd (tfjs-node's FusedConv2D adds the bias by
 * a broadcast Add, 10-20% slower, whose gradient is a Sum and a Reshape); its gradients are tfjs'
 * Conv2DBackpropInput and Conv2DBackpropFilter kernels and BiasAddGrad (dense.ts's kernel, run by
 * name), each only where needed (no input gradient for a first layer on data). Where oneDNN is there
 * (probed), the forward pass is `_MklNativeConv2DWithBias` and the filter and bias gradients one
 * `_MklNativeConv2DBackpropFilterWithBias`, 20-30% faster on LeNet-5's C1 and C3: the values of Conv2D
 * + BiasAdd and Conv2DBackpropFilter bit for bit; the bias gradient sums in another order than
 * BiasAddGrad (1-2 ulp apart). A TensorFlow built without oneDNN lacks them: then the plain ops. Knows
 * nothing of the other kernels but BiasAddGrad's name.
 */
import * as tf from '../../tf';
import { BIAS_GRAD_KERNEL, biasAdd, boolAttr, CONV_KERNEL, type ConvAttrs, floatT, intsAttr, type NodeBackend, nhwc, oneDnnLabel, type OpAttr, probe, runKernel, stringAttr } from './binding';

/** Its filter and bias gradients in one oneDNN primitive: inputs {x, dy}, attrs {stride, pad, filterShape}. */
const CONV_FILTER_BIAS_GRAD_KERNEL = 'BenchConv2DFilterBiasGrad';

const convAttrs = (b: NodeBackend, { stride, pad }: ConvAttrs, oneDnn: boolean): OpAttr[] => [
  floatT(b),
  intsAttr(b, 'strides', [1, stride, stride, 1]),
  stringAttr(b, 'padding', pad.toUpperCase()),
  nhwc(b),
  boolAttr(b, 'use_cudnn_on_gpu', true),
  intsAttr(b, 'dilations', [1, 1, 1, 1]),
  ...(oneDnn ? [oneDnnLabel(b)] : []),
];

/** Whether oneDNN's convolution with a bias, and its filter-and-bias gradient, are there. */
export function oneDnnConvAvailable(): boolean {
  const one = { stride: 1, pad: 'valid' } as const;
  return probe((b) => {
    const x = tf.ones([1, 2, 2, 1]);
    b.executeSingleOutput('_MklNativeConv2DWithBias', convAttrs(b, one, true), [x, tf.ones([1, 1, 1, 1]), tf.ones([1])]);
    b.executeMultipleOutputs('_MklNativeConv2DBackpropFilterWithBias', convAttrs(b, one, true), [x, tf.tensor1d([1, 1, 1, 1], 'int32'), x], 2);
  });
}

/** BenchConv2D (oneDNN's op where `oneDnn`) and the filter-and-bias gradient kernel its gradient runs. */
export function convConfigs(oneDnn: boolean): tf.KernelConfig[] {
  const conv: tf.KernelConfig = {
    kernelName: CONV_KERNEL,
    backendName: 'tensorflow',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const b = backend as NodeBackend;
      const { x, filter, bias } = inputs as Record<'x' | 'filter' | 'bias', tf.TensorInfo>;
      const a = attrs as unknown as ConvAttrs;
      if (oneDnn) return b.executeSingleOutput('_MklNativeConv2DWithBias', convAttrs(b, a, true), [x, filter, bias]);
      const y = b.executeSingleOutput('Conv2D', convAttrs(b, a, false), [x, filter]);
      const out = biasAdd(b, y, bias);
      y.dispose();
      return out;
    },
  };
  const filterBiasGrad: tf.KernelConfig = {
    kernelName: CONV_FILTER_BIAS_GRAD_KERNEL,
    backendName: 'tensorflow',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const b = backend as NodeBackend;
      const { x, dy } = inputs as Record<'x' | 'dy', tf.TensorInfo>;
      const { filterShape, ...a } = attrs as unknown as ConvAttrs & { filterShape: number[] };
      const sizes = tf.tensor1d(filterShape, 'int32');
      const out = b.executeMultipleOutputs('_MklNativeConv2DBackpropFilterWithBias', convAttrs(b, a, true), [x, sizes, dy], 2);
      sizes.dispose();
      return out;
    },
  };
  return [conv, filterBiasGrad];
}

/** BenchConv2D's gradient: each of x, filter and bias only where asked for (filter and bias in one op where `oneDnn`). */
export function convGradConfig(oneDnn: boolean): tf.GradConfig {
  return {
    kernelName: CONV_KERNEL,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const { stride, pad } = attrs as unknown as ConvAttrs;
      const common = { strides: stride, pad, dataFormat: 'NHWC', dimRoundingMode: undefined };
      const g = dy as tf.Tensor;
      // Filter and bias gradients come from one oneDNN primitive when there is one. tfjs asks for each
      // input's gradient in its own scope, so the pair is kept and each side handed out as a tracked
      // clone; a side nobody asked for is disposed once the (synchronous) backward pass is over.
      let pair: tf.Tensor[] | undefined;
      const taken = [false, false];
      const take = (i: 0 | 1): tf.Tensor => {
        if (!pair) {
          const made = runKernel<tf.Tensor[]>(CONV_FILTER_BIAS_GRAD_KERNEL, { x, dy: g }, { stride, pad, filterShape: filter.shape });
          pair = made.map((t) => tf.keep(t));
          queueMicrotask(() => made.forEach((t, j) => taken[j] || t.dispose()));
        }
        taken[i] = true;
        const out = pair[i]!.clone();
        pair[i]!.dispose();
        return out;
      };
      return {
        x: () => runKernel('Conv2DBackpropInput', { dy: g, filter }, { ...common, inputShape: x.shape }),
        filter: () => (oneDnn ? take(0) : runKernel('Conv2DBackpropFilter', { x, dy: g }, { ...common, filterShape: filter.shape })),
        bias: () => (oneDnn ? take(1) : runKernel(BIAS_GRAD_KERNEL, { dy: g }, {})),
      };
    },
  };
}

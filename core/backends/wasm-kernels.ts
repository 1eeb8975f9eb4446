/**
 * Kernels the wasm backend lacks, built from the ones it has.
 *
 * Conv2DBackpropFilter (the weight gradient of a convolution) is a convolution itself:
 *   dW[kh, kw, ci, co] = sum_{b, oh, ow} x[b, oh*sh + kh - pt, ow*sw + kw - pl, ci] * dy[b, oh, ow, co]
 * which is Conv2D of x with the batch and channel axes swapped ([ci, H, W, b]) by dy as the filter
 * ([oh, ow, b, co]), with dilation equal to the forward stride, cropped to the kernel's size. Every
 * step runs on XNNPACK; intermediates are disposed so the backend's operator cache (keyed on the filter's
 * data) does not grow.
 */
import * as tf from '../tf';

type TensorInfo = tf.TensorInfo;
type KernelFunc = tf.KernelFunc;

interface WasmLikeBackend extends tf.KernelBackend {
  disposeData(dataId: tf.DataId): boolean;
}

function kernel(name: string): KernelFunc {
  const k = tf.getKernel(name, 'wasm');
  if (!k) throw new Error(`the wasm backend has no ${name} kernel`);
  return k.kernelFunc;
}

/** Conv2DBackpropFilter for NHWC inputs, from PadV2, Transpose, Conv2D and Slice. */
export const conv2DBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
  const b = backend as WasmLikeBackend;
  const run = (name: string, ins: Record<string, TensorInfo>, at: Record<string, unknown>): TensorInfo =>
    kernel(name)({ inputs: ins, backend: b, attrs: at as tf.NamedAttrMap }) as TensorInfo;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
  );
  const { top, bottom, left, right } = info.padInfo;
  const temps: TensorInfo[] = [];
  let xp = x;
  if (top || bottom || left || right) {
    xp = run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 });
    temps.push(xp);
  }
  const xt = run('Transpose', { x: xp }, { perm: [3, 1, 2, 0] });
  const dyt = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  temps.push(xt, dyt);
  const full = run('Conv2D', { x: xt, filter: dyt }, {
    strides: [1, 1],
    pad: 'valid',
    dataFormat: 'NHWC',
    dilations: [info.strideHeight, info.strideWidth],
  });
  temps.push(full);
  const [kh, kw, ci, co] = filterShape;
  let cropped = full;
  if (full.shape[1] !== kh || full.shape[2] !== kw) {
    cropped = run('Slice', { x: full }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] });
    temps.push(cropped);
  }
  const out = run('Transpose', { x: cropped }, { perm: [1, 2, 0, 3] });
  for (const t of temps) b.disposeData(t.dataId);
  return out;
};

/**
 * Conv2DBackpropInput for stride 1 as a convolution (the wasm backend's own kernel is a scalar loop):
 *   dx = Conv2D(pad(dy, kh-1-pt, kh-1-pb, kw-1-pl, kw-1-pr), reverse(W, [0, 1]) with in/out swapped)
 * Other strides, and paddings wider than the kernel, go to the backend's own kernel.
 */
export function conv2DBackpropInputVia(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
    if (dataFormat !== 'NHWC' || sh !== 1 || sw !== 1) return fallback(args);
    const [kh, kw] = filter.shape as [number, number, number, number];
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], 1, 1, pad, dimRoundingMode, false);
    const { top, bottom, left, right } = info.padInfo;
    const pads = [kh - 1 - top, kh - 1 - bottom, kw - 1 - left, kw - 1 - right];
    if (pads.some((p) => p < 0)) return fallback(args);
    const b = backend as WasmLikeBackend;
    const run = (name: string, ins: Record<string, TensorInfo>, at: Record<string, unknown>): TensorInfo =>
      kernel(name)({ inputs: ins, backend: b, attrs: at as tf.NamedAttrMap }) as TensorInfo;
    const temps: TensorInfo[] = [];
    let dyp = dy;
    if (pads.some((p) => p > 0)) {
      dyp = run('PadV2', { x: dy }, { paddings: [[0, 0], [pads[0], pads[1]], [pads[2], pads[3]], [0, 0]], constantValue: 0 });
      temps.push(dyp);
    }
    const rev = run('Reverse', { x: filter }, { dims: [0, 1] });
    const wt = run('Transpose', { x: rev }, { perm: [0, 1, 3, 2] });
    temps.push(rev, wt);
    const out = run('Conv2D', { x: dyp, filter: wt }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] });
    for (const t of temps) b.disposeData(t.dataId);
    return out;
  };
}

let registered = false;

/** Registers the kernels above for the wasm backend (once). */
export function registerWasmKernels(): void {
  if (registered) return;
  registered = true;
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter });
  }
  const input = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (input) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel({ ...input, kernelFunc: conv2DBackpropInputVia(input.kernelFunc) });
  }
}

/**
 * Turns a ModelSpec into variables and a forward pass. Convolutions and dense layers are tfjs' fused
 * ops (one kernel for the product and the bias); the activation comes from its plugin; layer
 * regularizers sit at the points the spec offers: after each convolution and each hidden dense layer,
 * before the activation (BatchNorm) or after it (Dropout).
 */
import { conv2dBias } from './conv';
import { dense as denseLayer } from './dense';
import { maxPool } from './max-pool';
import type {
  ActivationPlugin,
  ForwardContext,
  InitializerPlugin,
  LayerRegularizerPlugin,
  Params,
  Placement,
  RegularizerLayer,
} from '../plugin/contracts';
import { InputError } from '../util/errors';
import type { Rng } from '../util/rng';
import * as tf from '../tf';
import type { ModelSpec } from './spec';

export interface PluginChoice<P> {
  plugin: P;
  params: Params;
}

export interface LayerRegularizerChoice extends PluginChoice<LayerRegularizerPlugin> {
  placement: Placement[];
}

export interface ModelPlugins {
  activation: PluginChoice<ActivationPlugin>;
  initializer: PluginChoice<InitializerPlugin>;
  /** For biases; zeros when absent. */
  biasInitializer?: PluginChoice<InitializerPlugin>;
  layerRegularizers: LayerRegularizerChoice[];
}

export interface Model {
  spec: ModelSpec;
  /** Trainable weights, in layer order. */
  trainable: tf.Variable[];
  /** Names of the trainable weights (`conv1/kernel`), parallel to `trainable`. */
  names: string[];
  /** Kernels (penalised by L2/L1) and biases, for penalty regularizers. */
  kernels: tf.Variable[];
  biases: tf.Variable[];
  /** Non-trainable state (BatchNorm's running statistics). */
  state: tf.Variable[];
  paramCount: number;
  forward(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor2D;
  dispose(): void;
}

let modelCounter = 0;

type Step = (x: tf.Tensor, ctx: ForwardContext) => tf.Tensor;

/** Builds `spec` for inputs of `inputShape`; every weight is drawn with a seed from `rng`. */
export function buildModel(spec: ModelSpec, numClasses: number, plugins: ModelPlugins, rng: Rng): Model {
  const prefix = `m${++modelCounter}`;
  const trainable: tf.Variable[] = [];
  const names: string[] = [];
  const kernels: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  const state: tf.Variable[] = [];
  const steps: Step[] = [];
  const act = plugins.activation;
  const activate: Step = (x) => act.plugin.apply(x, act.params);

  const weight = (name: string, shape: number[], fanIn: number, fanOut: number, bias: boolean): tf.Variable => {
    const choice = bias ? plugins.biasInitializer : plugins.initializer;
    const seed = rng.nextSeed();
    const init = choice ? choice.plugin.init({ shape, fanIn, fanOut, seed }, choice.params) : tf.zeros(shape);
    if (init.size !== shape.reduce((a, b) => a * b, 1)) {
      throw new Error(`initializer ${choice?.plugin.name} returned shape [${init.shape}] for ${name} [${shape}]`);
    }
    const v = tf.tidy(() => tf.variable(init.reshape(shape), true, `${prefix}/${name}`));
    init.dispose();
    trainable.push(v);
    names.push(name);
    (bias ? biases : kernels).push(v);
    return v;
  };

  const sites = (placement: Placement, shape: number[], name: string) => {
    const pre: RegularizerLayer[] = [];
    const post: RegularizerLayer[] = [];
    for (const r of plugins.layerRegularizers) {
      if (!r.placement.includes(placement)) continue;
      const layer = r.plugin.createLayer({ placement, shape, name: `${prefix}/${name}/${r.plugin.name}` }, r.params);
      trainable.push(...layer.trainable);
      names.push(...layer.trainable.map((v) => `${name}/${r.plugin.name}/${v.name.split('/').pop()}`));
      state.push(...layer.state);
      (r.plugin.position === 'pre-activation' ? pre : post).push(layer);
    }
    return { pre, post };
  };

  const block = (core: Step, placement: Placement, shape: number[], name: string, offersSite = true) => {
    const { pre, post } = offersSite ? sites(placement, shape, name) : { pre: [], post: [] };
    steps.push((x, ctx) => {
      let y = core(x, ctx);
      for (const l of pre) y = l.apply(y, ctx);
      y = activate(y, ctx);
      for (const l of post) y = l.apply(y, ctx);
      return y;
    });
  };

  let [h, w, c] = spec.inputShape;
  let flat = 0;
  let conv = 0;
  let dense = 0;
  for (const layer of spec.layers) {
    if (layer.type === 'conv') {
      const name = `conv${++conv}`;
      const k = layer.kernel;
      const s = layer.stride ?? 1;
      const pad = layer.padding ?? 'valid';
      const kernel = weight(`${name}/kernel`, [k, k, c, layer.filters], k * k * c, k * k * layer.filters, false);
      const bias = weight(`${name}/bias`, [layer.filters], k * k * c, k * k * layer.filters, true);
      // A convolution whose kernel covers its whole unpadded input (LeNet-5's C5: 5x5 on 5x5) is a
      // matrix product of the flattened input and the kernel seen as [k*k*c, filters] (NHWC order is the
      // kernel's row-major order): the same values to float32 rounding, and on both engines much faster
      // than the convolution's gradient kernels, which are tuned for images, not for one output pixel.
      const covers = pad === 'valid' && h === k && w === k;
      const flatIn = k * k * c;
      const filters = layer.filters;
      h = pad === 'same' ? Math.ceil(h / s) : Math.floor((h - k) / s) + 1;
      w = pad === 'same' ? Math.ceil(w / s) : Math.floor((w - k) / s) + 1;
      c = layer.filters;
      if (h < 1 || w < 1) throw new InputError(`model ${spec.name}: ${name} leaves no output for input ${spec.inputShape.join('x')}`);
      // The first layer's input is data: no gradient of it is needed (see ./conv.ts).
      const onData = steps.length === 0;
      block(
        (x) =>
          covers
            ? denseLayer(x.reshape([-1, flatIn]), kernel.reshape([flatIn, filters]), bias as tf.Tensor1D).reshape([-1, 1, 1, filters])
            : conv2dBias(x as tf.Tensor4D, kernel as tf.Tensor4D, bias as tf.Tensor1D, s, pad, onData),
        'conv',
        [h, w, c],
        name,
        layer.sites !== false,
      );
    } else if (layer.type === 'maxpool') {
      const s = layer.stride ?? layer.size;
      h = Math.floor((h - layer.size) / s) + 1;
      w = Math.floor((w - layer.size) / s) + 1;
      const size = layer.size;
      steps.push((x) => maxPool(x as tf.Tensor4D, size, s, 'valid'));
    } else if (layer.type === 'flatten') {
      flat = h * w * c;
      const n = flat;
      steps.push((x) => tf.reshape(x, [-1, n]));
    } else {
      const inDim = flat || h * w * c;
      const units = layer.output ? numClasses : layer.units;
      const name = layer.output ? 'output' : `dense${++dense}`;
      const kernel = weight(`${name}/kernel`, [inDim, units], inDim, units, false);
      const bias = weight(`${name}/bias`, [units], inDim, units, true);
      const affine: Step = (x) => denseLayer(x as tf.Tensor2D, kernel as tf.Tensor2D, bias as tf.Tensor1D);
      if (layer.output) steps.push(affine);
      else block(affine, 'dense', [units], name, layer.sites !== false);
      flat = units;
    }
  }

  const paramCount = trainable.reduce((n, v) => n + v.size, 0);
  return {
    spec,
    trainable,
    names,
    kernels,
    biases,
    state,
    paramCount,
    forward(x, ctx) {
      let y: tf.Tensor = x;
      for (const step of steps) y = step(y, ctx);
      return y as tf.Tensor2D;
    },
    dispose() {
      tf.dispose([...trainable, ...state]);
    },
  };
}

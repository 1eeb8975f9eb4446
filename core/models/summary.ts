/**
 * A model's shape without building it: each layer's output shape, parameter count and forward FLOPs
 * per sample, and the regularizer sites it offers. The same arithmetic as the builder
 * (core/models/build.ts), in plain numbers, for `bench list models`, for tests that pin the baselines'
 * sizes, and for the trial cost estimate that balances shards (core/suite/cost.ts).
 */
import type { Placement } from '../plugin/contracts';
import { InputError } from '../util/errors';
import type { ModelSpec } from './spec';

export interface LayerSummary {
  /** As the builder names its weights: `conv1`, `pool2`, `dense1`, `output`. */
  name: string;
  /** Output shape without the batch dimension. */
  outputShape: number[];
  params: number;
  /**
   * Forward floating-point operations per sample: 2 per multiply-add of a conv or dense layer, one
   * comparison per pooled input element; activations and biases are not counted.
   */
  flops: number;
  /** The regularizer site it offers, if any. */
  site?: Placement;
}

export interface ModelSummary {
  layers: LayerSummary[];
  /** Trainable parameters of the bare model (no BatchNorm). */
  params: number;
  /** Forward FLOPs per sample, summed over the layers. */
  flops: number;
  outputShape: number[];
}

/** Output shapes and parameter counts of `spec` for `numClasses` classes. */
export function summarizeModel(spec: ModelSpec, numClasses = 10): ModelSummary {
  let [h, w, c] = spec.inputShape;
  let flat = 0;
  let conv = 0;
  let dense = 0;
  let pool = 0;
  const layers: LayerSummary[] = [];
  for (const layer of spec.layers) {
    if (layer.type === 'conv') {
      const k = layer.kernel;
      const s = layer.stride ?? 1;
      const params = k * k * c * layer.filters + layer.filters;
      h = layer.padding === 'same' ? Math.ceil(h / s) : Math.floor((h - k) / s) + 1;
      w = layer.padding === 'same' ? Math.ceil(w / s) : Math.floor((w - k) / s) + 1;
      const flops = 2 * k * k * c * layer.filters * h * w;
      c = layer.filters;
      const name = `conv${++conv}`;
      if (h < 1 || w < 1) throw new InputError(`model ${spec.name}: ${name} leaves no output for input ${spec.inputShape.join('x')}`);
      layers.push({ name, outputShape: [h, w, c], params, flops, ...(layer.sites === false ? {} : { site: 'conv' as const }) });
    } else if (layer.type === 'maxpool') {
      const s = layer.stride ?? layer.size;
      h = Math.floor((h - layer.size) / s) + 1;
      w = Math.floor((w - layer.size) / s) + 1;
      layers.push({ name: `pool${++pool}`, outputShape: [h, w, c], params: 0, flops: h * w * c * layer.size * layer.size });
    } else if (layer.type === 'flatten') {
      flat = h * w * c;
      layers.push({ name: 'flatten', outputShape: [flat], params: 0, flops: 0 });
    } else {
      const inDim = flat || h * w * c;
      const units = layer.output ? numClasses : layer.units;
      const name = layer.output ? 'output' : `dense${++dense}`;
      const site = layer.output || layer.sites === false ? {} : { site: 'dense' as const };
      layers.push({ name, outputShape: [units], params: inDim * units + units, flops: 2 * inDim * units, ...site });
      flat = units;
    }
  }
  const last = layers[layers.length - 1];
  const sum = (f: (l: LayerSummary) => number) => layers.reduce((n, l) => n + f(l), 0);
  return { layers, params: sum((l) => l.params), flops: sum((l) => l.flops), outputShape: last ? last.outputShape : [...spec.inputShape] };
}

/** `conv1-3 (conv), dense1 (dense)`: the sites a model offers, for listings. */
export function describeSites(summary: ModelSummary): string {
  const parts: string[] = [];
  for (const placement of ['conv', 'dense'] as const) {
    const names = summary.layers.filter((l) => l.site === placement).map((l) => l.name);
    if (names.length > 0) parts.push(`${names.join(', ')} (${placement})`);
  }
  return parts.length > 0 ? parts.join('; ') : 'none';
}

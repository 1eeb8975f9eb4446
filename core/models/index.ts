/**
 * The baseline models a suite can name: the fixed ones in `MODELS`, and the dense models named by
 * their widths (`mlp-784-500-250-100`, `linear-3072`; core/models/mlp.ts).
 */
import { InputError } from '../util/errors';
import { didYouMean } from '../util/did-you-mean';
import { cifarCnn } from './cifar-cnn';
import { cifarCnnKeras } from './cifar-cnn-keras';
import { lenet5 } from './lenet5';
import { DENSE_PRESETS, parseDenseModel } from './mlp';
import type { ModelSpec } from './spec';

export const MODELS: Record<string, ModelSpec> = {
  lenet5,
  'cifar-cnn': cifarCnn,
  'cifar-cnn-keras': cifarCnnKeras,
};

/** Every model `bench list models` shows: the fixed ones, then the seeds' dense models. */
export function listedModels(): ModelSpec[] {
  return [...Object.values(MODELS), ...DENSE_PRESETS.map((n) => parseDenseModel(n) as ModelSpec)];
}

/** The spec of `name`, or a message saying why there is none. */
export function findModel(name: string): ModelSpec | string {
  const fixed = MODELS[name];
  if (fixed) return fixed;
  const dense = parseDenseModel(name);
  if (dense) return dense;
  return `unknown model "${name}"${didYouMean(name, listedModels().map((m) => m.name))}`;
}

/** The spec of `name`, or an InputError. */
export function getModel(name: string): ModelSpec {
  const m = findModel(name);
  if (typeof m === 'string') throw new InputError(m);
  return m;
}

export { buildModel, type Model, type ModelPlugins } from './build';
export type { ModelSpec, LayerSpec } from './spec';
export { describeSites, summarizeModel, type ModelSummary } from './summary';

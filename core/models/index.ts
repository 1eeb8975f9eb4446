/** The baseline models a suite can name. */
import { InputError } from '../errors';
import { didYouMean } from '../registry';
import { lenet5 } from './lenet5';
import type { ModelSpec } from './spec';

export const MODELS: Record<string, ModelSpec> = { lenet5 };

export function getModel(name: string): ModelSpec {
  const m = MODELS[name];
  if (!m) throw new InputError(`unknown model "${name}"${didYouMean(name, Object.keys(MODELS))}`);
  return m;
}

export { buildModel, type Model, type ModelPlugins } from './build';
export type { ModelSpec, LayerSpec } from './spec';

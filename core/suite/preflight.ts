/**
 * Checks that need the data, made before any training starts: every model fits its dataset's images,
 * and every batch fits the training split left after the subset and the validation split. All problems
 * are reported at once, naming the suite file and the JSON path.
 */
import type { Dataset } from '../data';
import { inputMismatch } from '../data/tensors';
import { InputError } from '../util/errors';
import { getModel } from '../models';
import type { Suite } from './load';

/** Throws one InputError listing every problem, or returns when the suite can run on `datasets`. */
export function preflight(suite: Suite, datasets: Map<string, Dataset>): void {
  const problems = new Set<string>();
  for (const { config } of suite.trials) {
    const ds = datasets.get(config.dataset);
    if (!ds) continue;
    const model = getModel(config.model);
    const mismatch = inputMismatch(ds.imageShape, model.inputShape, model.name, ds.name);
    if (mismatch) problems.add(`  $.models: ${mismatch}`);
    const subset = config.preprocessing?.trainSubset;
    if (subset !== undefined && subset > ds.train.count) {
      problems.add(`  $.preprocessing.trainSubset: ${subset} is more than the ${ds.train.count} training images of ${ds.id}`);
      continue;
    }
    const rows = (subset ?? ds.train.count) - Math.round((subset ?? ds.train.count) * config.validationFraction);
    if (rows < 1) problems.add(`  $.validationFraction: ${config.validationFraction} leaves no training images of ${ds.id}`);
    else if (typeof config.batchSize === 'number' && config.batchSize > rows) {
      problems.add(`  $.batchSize: ${config.batchSize} is larger than the ${rows} training images of ${ds.id} left after the validation split`);
    }
  }
  if (problems.size > 0) {
    throw new InputError(`${suite.file}: cannot run on this data (${problems.size} problem${problems.size > 1 ? 's' : ''})\n${[...problems].join('\n')}`);
  }
}

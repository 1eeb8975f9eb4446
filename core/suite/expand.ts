/**
 * A suite's grid expanded into trials: every model x dataset x optimizer x regularizer set x initializer
 * x activation, times the seeds; the labels tables show; and the ids that name a configuration (the one
 * definition of "the same configuration"). It works on choices already resolved by core/suite/load.ts
 * and knows nothing of files, of the suite schema or of the plugin registry.
 */
import { isDefaultPreprocessing } from '../data/preprocess';
import type { Params } from '../plugin/contracts';
import { stableHash } from '../util/json';
import type { Choice, OptimizerChoice, RegularizerChoice, SolverConfig, SuiteFile, Trial, TrialConfig } from './types';

/** A suite's plugin axes, every choice resolved: names known, parameters complete, labels set. */
export interface ResolvedAxes {
  optimizers: OptimizerChoice[];
  regularizerSets: RegularizerChoice[][];
  initializers: Choice[];
  activations: Choice[];
}

/**
 * The trials of a suite: the grid of `spec`'s models and datasets and of `axes`, times `spec.seeds`, in
 * that nesting order; trial `<configId>-s<seed>`, labelled by its optimizer and the axes that vary.
 */
export function expandGrid(spec: SuiteFile, axes: ResolvedAxes): Trial[] {
  const trials: Trial[] = [];
  const varies: Varies = {
    model: spec.models.length > 1,
    dataset: spec.datasets.length > 1,
    regularizers: axes.regularizerSets.length > 1,
    initializer: axes.initializers.length > 1,
    activation: axes.activations.length > 1,
  };
  const timeouts = spec.optimizers.map((r) => (typeof r === 'string' ? undefined : r.timeoutSeconds) ?? spec.timeoutSeconds);
  for (const model of spec.models)
    for (const dataset of spec.datasets)
      for (const [oi, optimizer] of axes.optimizers.entries())
        for (const regularizers of axes.regularizerSets)
          for (const initializer of axes.initializers)
            for (const activation of axes.activations) {
              const config: TrialConfig = {
                model,
                dataset,
                optimizer,
                regularizers,
                initializer,
                activation,
                epochs: spec.epochs,
                batchSize: spec.batchSize,
                validationFraction: spec.validationFraction,
                preprocessing: spec.preprocessing,
              };
              const configId = configIdOf(config);
              const label = labelOf(config, varies);
              const timeoutSeconds = timeouts[oi];
              const first: Trial = { id: '', configId, label, seed: 0, config, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}) };
              for (const seed of spec.seeds) trials.push(trialOnSeed(first, seed));
            }
  return trials;
}

/** Trial `t`'s configuration on `seed`: the trial the suite would hold with that seed (id `<configId>-s<seed>`). */
export function trialOnSeed(t: Trial, seed: number): Trial {
  return { ...t, id: `${t.configId}-s${seed}`, seed };
}

/**
 * The stable id of a configuration: a hash of everything that determines its training, labels excluded.
 * The default preprocessing is left out of the hash, so ids from before it existed stay the same.
 */
export function configIdOf(config: TrialConfig): string {
  const { model, dataset, ...training } = config;
  return stableHash({ model, dataset, ...trainingIdentity(training) });
}

/** The id of a solver: the hash of `configIdOf` with the workload taken away. */
export function solverIdOfConfig(config: SolverConfig): string {
  return stableHash(trainingIdentity(config));
}

/** What of `config` defines the training, as the ids hash it (the one definition of "the same configuration"). */
function trainingIdentity(config: SolverConfig): Record<string, unknown> {
  const strip = (c: Choice) => ({ name: c.name, params: c.params, ...('placement' in c ? { placement: c.placement } : {}) });
  const { preprocessing, ...rest } = config;
  // A constant schedule without warm-up is the same training as no schedule: same id as before schedules existed.
  const schedule = config.optimizer.schedule;
  const scheduled = schedule && (schedule.name !== 'constant' || schedule.warmupEpochs !== 0) ? { schedule } : {};
  return {
    ...rest,
    ...(isDefaultPreprocessing(preprocessing) ? {} : { preprocessing }),
    optimizer: { ...strip(config.optimizer), ...scheduled },
    initializer: strip(config.initializer),
    activation: strip(config.activation),
    regularizers: config.regularizers.map(strip),
  };
}

/** A choice's default label: `name(k=v,...)` with the parameters the suite set explicitly (`given`). */
export function choiceLabel(name: string, given: Params | undefined): string {
  const set = Object.entries(given ?? {})
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : String(v)}`)
    .join(',');
  return set ? `${name}(${set})` : name;
}

type Varies = Record<'model' | 'dataset' | 'regularizers' | 'initializer' | 'activation', boolean>;

/** A trial's label: its optimizer's, then each axis that varies in the suite. */
function labelOf(config: TrialConfig, varies: Varies): string {
  const parts = [config.optimizer.label];
  if (varies.regularizers) parts.push(config.regularizers.length ? config.regularizers.map((r) => r.label).join('+') : 'no-reg');
  if (varies.initializer) parts.push(config.initializer.label);
  if (varies.activation) parts.push(config.activation.label);
  if (varies.model) parts.push(config.model);
  if (varies.dataset) parts.push(config.dataset);
  return parts.join(' ');
}

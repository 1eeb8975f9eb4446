/**
 * The types of a suite, as written and as expanded into trials: what every later stage (training, analysis,
 * results, runs, reports) reads of a suite. A leaf: it knows nothing of loading, validating or expanding
 * suites (core/suite/load.ts, core/suite/expand.ts), of the plugin registry or of training.
 */
import type { Preprocessing } from '../data/preprocess';
import type { Params, Placement } from '../plugin/contracts';
import type { Schedule, ScheduleName } from './schedules';

/** A plugin as a suite names it: its name, or its name with parameters and the label tables give it. */
export type PluginRef = string | { name: string; params?: Params; label?: string };
/** An optimizer as a suite names it: a plugin reference with an optional learning-rate schedule, time limit and search. */
export type OptimizerRef =
  | string
  | { name: string; params?: Params; label?: string; schedule?: ScheduleSpec; timeoutSeconds?: number; search?: SearchBlock };
/** A regularizer as a suite names it: a plugin reference with, for a layer regularizer, where it goes. */
export type RegularizerRef = string | { name: string; params?: Params; label?: string; placement?: Placement[] };

/** A learning-rate schedule as a suite writes it; core/suite/schedules.ts checks it and fills in its defaults. */
export type ScheduleSpec = { name: ScheduleName; gamma?: number; stepSize?: number; etaMin?: number; warmupEpochs?: number };

/**
 * A suite as written (after schema defaults). test/schema-types.test.ts keeps it equal to
 * core/schemas/suite.schema.json: a property added to one must be added to the other.
 */
export interface SuiteFile {
  /** The schema the file names for editors; never read. */
  $schema?: string;
  name: string;
  description?: string;
  plugins?: string[];
  models: string[];
  datasets: string[];
  optimizers: OptimizerRef[];
  regularizers: RegularizerRef[][];
  initializers: PluginRef[];
  activations: PluginRef[];
  seeds: number[];
  epochs: number;
  /** Rows per optimizer step, or "full": one step per epoch on the gradient of the whole training split. */
  batchSize: BatchSize;
  validationFraction: number;
  evalBatchSize: number;
  preprocessing: Preprocessing;
  /** Time-to-target is measured when set. */
  target?: Target;
  /** The ranking's primary metric (default testAccuracy). */
  rankBy?: RankMetric;
  /** Per-trial time limit in seconds; optimizer entries may override it. */
  timeoutSeconds?: number;
  /** Published figures this suite reproduces; carried untouched into the results. */
  reference?: SuiteReference;
  /** Hyper-parameter search for every optimizer entry (core/search/); an entry's own block overrides it. */
  search?: SearchBlock;
}

/** A search block as a suite writes it (core/search/settings.ts fills in its defaults). */
export interface SearchBlock {
  space?: Space;
  strategy?: Strategy;
  budget?: { configs: number };
  /** The selection metric at the last search epoch. */
  metric?: SelectionMetric;
  seeds?: number[];
  searchSeed?: number;
  epochs?: number;
  /** With `strategy: "halving"`: successive halving's rate, first rung and sampler (core/search/halving.ts). */
  halving?: HalvingBlock;
}

/** Successive halving as a suite writes it (defaults in core/search/settings.ts: eta 3, minEpochs 1, sample quasirandom). */
export interface HalvingBlock {
  /** Each rung keeps the best 1/eta of its configurations and trains them eta times the epochs. */
  eta?: number;
  /** The epochs of the first rung. */
  minEpochs?: number;
  /** How the bracket's configurations are drawn from the space. */
  sample?: Sampler;
}

/** One dimension of a search space, as a suite writes it: a list of values, a range or a choice. */
export type Dimension = unknown[] | { logUniform: [number, number] } | { uniform: [number, number] } | { choice: unknown[] };
/** A search space: per hyper-parameter, its dimension. */
export type Space = Record<string, Dimension>;
/** How a search draws configurations from its space (core/search/space.ts), or `halving`: drawn by a sampler, then pruned by successive halving. */
export type Strategy = Sampler | 'halving';
/** How configurations are drawn from a space. */
export type Sampler = 'grid' | 'random' | 'quasirandom';

/**
 * Published figures a suite reproduces (the schema's `reference`): `source` names the publication,
 * `notes` how its protocol differs; every other key is a metric name (testAccuracy, ...) mapping
 * configuration labels to the published value or a [low, high] range. The harness never reads it;
 * reports show it beside the measured figures.
 */
export interface SuiteReference {
  source: string;
  notes?: string;
  [metric: string]: string | undefined | Record<string, number | [number, number]>;
}

/** Rows per optimizer step, or "full" (full-batch gradient descent). */
export type BatchSize = number | 'full';

/** A plugin choice with complete parameters, as recorded in results. */
export interface Choice {
  name: string;
  params: Params;
  /** How tables name it: the suite's `label`, else the name with the parameters the suite set. */
  label: string;
}

/** The optimizer's choice: a plugin choice plus its learning-rate schedule. */
export interface OptimizerChoice extends Choice {
  /** Per-epoch learning-rate schedule; constant when absent. */
  schedule?: Schedule;
}

export interface RegularizerChoice extends Choice {
  /** Where a layer regularizer is placed; absent for penalties. */
  placement?: Placement[];
}

/** One cell of the grid: everything but the seed. */
export interface TrialConfig {
  model: string;
  dataset: string;
  optimizer: OptimizerChoice;
  regularizers: RegularizerChoice[];
  initializer: Choice;
  activation: Choice;
  epochs: number;
  batchSize: BatchSize;
  validationFraction: number;
  /** Normalisation and training subset (core/data/preprocess.ts). */
  preprocessing: Preprocessing;
  /**
   * The epochs the learning-rate schedule is laid out over when the trial stops before them (a rung of
   * successive halving, core/search/halving.ts: its epochs are those a full trial starts with); absent: `epochs`.
   */
  scheduleEpochs?: number;
}

export interface Trial {
  /** `<configId>-s<seed>`: stable across runs and machines. */
  id: string;
  configId: string;
  /** Short human-readable name of the configuration, for tables. */
  label: string;
  seed: number;
  config: TrialConfig;
  /** Time limit in seconds (not part of the configuration id: it bounds the run, not the training). */
  timeoutSeconds?: number;
  /** Tuning runs: which phase the trial belongs to. */
  phase?: 'search' | 'final' | 'defaults';
  /** Tuning runs: the label of the suite's optimizer entry the trial tunes, reruns or runs untuned. */
  entry?: string;
}

/** A configuration without its workload (model and dataset): a solver of the performance profiles (core/analysis/profiles.ts). */
export type SolverConfig = Omit<TrialConfig, 'model' | 'dataset'>;

/** The validation metric a search selects on. */
export type SelectionMetric = 'valAccuracy' | 'valLoss';

/** The metrics a target can be set on. */
export const TARGET_METRICS = ['valAccuracy', 'trainAccuracy', 'valLoss', 'trainLoss'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/** A suite's target: `metric` reaching `value`. */
export interface Target {
  metric: TargetMetric;
  value: number;
}

/** The metrics a suite can rank by. */
export const RANK_METRICS = ['testAccuracy', 'timeToTarget', 'trainSeconds', 'samplesPerSecond'] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

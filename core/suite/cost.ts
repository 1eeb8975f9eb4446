/**
 * What a trial costs to train, for balancing shards (core/suite/shard.ts): an estimate from the suite
 * alone (the model's forward FLOPs per sample from core/models/summary.ts, times the samples and epochs
 * it trains and evaluates, plus a fixed cost per optimizer step), or the time an earlier results file
 * measured for it. Both are plain arithmetic on what every shard of a suite reads alike (the suite, one
 * results file), so every machine computes the same costs, bit for bit. It knows nothing of shards,
 * training or the files a run writes; it loads no data (datasets count as their official sizes).
 */
import { DATASETS } from '../data';
import { getModel, summarizeModel } from '../models';
import type { BatchSize, Trial } from './types';

/**
 * The fixed cost of one optimizer step, in FLOPs: kernel dispatch, the batch's gather and the
 * optimizer's update, which do not scale with the model's arithmetic. Measured on the development
 * machine, a step of linear-784 (whose arithmetic is negligible) takes about 1 ms on the native
 * TensorFlow backend, which trains LeNet-5 at about 10 GFLOP/s: 1e7. It is what keeps a linear model
 * from counting as free beside a CNN.
 */
export const STEP_OVERHEAD_FLOPS = 1e7;
/** Forward plus backward (input and weight gradients) cost about three forward passes. */
const TRAIN_PASSES = 3;

/** What a trial is to train and evaluate: the samples of each split, its epochs and batches. */
interface Workload {
  model: string;
  dataset: string;
  train: number;
  validation: number;
  test: number;
  epochs: number;
  batchSize: BatchSize;
}

/** Split sizes of a dataset by name: the official ones, or MNIST's for a dataset made in code. */
function officialSizes(dataset: string): { train: number; test: number; numClasses: number } {
  const p = DATASETS[dataset];
  return p && 'sizes' in p ? { ...p.sizes, numClasses: p.numClasses } : { train: 60_000, test: 10_000, numClasses: 10 };
}

/** The workload of a trial of a suite, with its dataset at the official size (or its `trainSubset`). */
function workloadOf(trial: Trial): Workload {
  const c = trial.config;
  const sizes = officialSizes(c.dataset);
  const rows = c.preprocessing.trainSubset ?? sizes.train;
  const validation = Math.round(rows * c.validationFraction);
  return { model: c.model, dataset: c.dataset, train: rows - validation, validation, test: sizes.test, epochs: c.epochs, batchSize: c.batchSize };
}

/** Estimated FLOPs of one epoch of `w`: training passes, the validation pass, and the steps' fixed cost. */
function epochFlops(w: Workload): number {
  const f = summarizeModel(getModel(w.model), officialSizes(w.dataset).numClasses).flops;
  const steps = w.batchSize === 'full' ? 1 : Math.ceil(w.train / w.batchSize);
  return TRAIN_PASSES * f * w.train + f * w.validation + steps * STEP_OVERHEAD_FLOPS;
}

/** Estimated FLOPs of a whole trial: its epochs, then the test pass. */
export function estimateTrialFlops(trial: Trial): number {
  const w = workloadOf(trial);
  return w.epochs * epochFlops(w) + summarizeModel(getModel(w.model), officialSizes(w.dataset).numClasses).flops * w.test;
}

/** A trial's cost, in whatever unit the model works in (FLOPs, or seconds); only ratios matter. */
export interface CostModel {
  /** What the costs are (for logs): `estimated FLOPs` or `measured in FILE`. */
  source: string;
  costOf(trial: Trial): number;
}

/** Costs estimated from the suite alone (`estimateTrialFlops`). */
export const ESTIMATED_COSTS: CostModel = { source: 'estimated FLOPs (core/suite/cost.ts)', costOf: estimateTrialFlops };

/**
 * What the measured costs read of a trial record of an earlier results file (core/train/record.ts's
 * TrialRecord has these fields; train/ comes after suite/, so the type is restated here).
 */
export interface MeasuredTrial {
  configId: string;
  model: { name: string };
  dataset: { name: string; train: number; validation: number; test: number };
  epochs: number;
  batchSize: BatchSize;
  history: ReadonlyArray<{ trainSeconds: number; evalSeconds: number }>;
}

/** Seconds per epoch of a record, and per sample-epoch (its train and validation rows). */
function measuredEpoch(r: MeasuredTrial): { seconds: number; perRow: number } | undefined {
  if (r.history.length === 0) return undefined;
  const seconds = r.history.reduce((s, e) => s + e.trainSeconds + e.evalSeconds, 0) / r.history.length;
  const rows = r.dataset.train + r.dataset.validation;
  return seconds > 0 && rows > 0 ? { seconds, perRow: seconds / rows } : undefined;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Costs in seconds from the trials of an earlier results file (`file` names it in `source`): a trial
 * whose configuration was measured there costs its measured seconds per sample-epoch (the mean over
 * that configuration's records) times its own rows and epochs; any other costs its estimated FLOPs
 * times the median seconds per FLOP of the measured records, so that both kinds compare. A file with
 * no usable record gives the estimate alone.
 */
export function measuredCosts(records: readonly MeasuredTrial[], file: string): CostModel {
  const byConfig = new Map<string, number[]>();
  const secondsPerFlop: number[] = [];
  for (const r of records) {
    const m = measuredEpoch(r);
    if (!m) continue;
    byConfig.set(r.configId, [...(byConfig.get(r.configId) ?? []), m.perRow]);
    const w: Workload = { model: r.model.name, dataset: r.dataset.name, train: r.dataset.train, validation: r.dataset.validation, test: r.dataset.test, epochs: r.epochs, batchSize: r.batchSize };
    secondsPerFlop.push(m.seconds / epochFlops(w));
  }
  if (secondsPerFlop.length === 0) return { ...ESTIMATED_COSTS, source: `${ESTIMATED_COSTS.source}; ${file} has no measured epoch` };
  const scale = median(secondsPerFlop);
  return {
    source: `measured in ${file} (${byConfig.size} configuration${byConfig.size === 1 ? '' : 's'}; others estimated)`,
    costOf(trial) {
      const perRow = byConfig.get(trial.configId);
      if (!perRow) return estimateTrialFlops(trial) * scale;
      const w = workloadOf(trial);
      return (perRow.reduce((a, b) => a + b, 0) / perRow.length) * (w.train + w.validation) * w.epochs;
    },
  };
}

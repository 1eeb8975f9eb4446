/** The record of one trial, as the results document stores it. */
import type { BatchSize, Choice, OptimizerChoice, RegularizerChoice } from '../suite/types';

export type TrialStatus = 'ok' | 'diverged' | 'failed' | 'timeout';

export interface EpochRecord {
  epoch: number;
  /** Mean cross-entropy over the epoch's training samples: the data loss, without any penalty. */
  trainLoss: number;
  /**
   * Present when the trial has a penalty regularizer (l1, l2): the penalty added to the loss the
   * optimizer minimised, averaged like trainLoss (each step's penalty weighted by its rows), so that
   * trainLoss + trainPenalty is that objective.
   */
  trainPenalty?: number;
  trainAccuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  /** Seconds of training in this epoch, the backend's work finished before the clock stops. */
  trainSeconds: number;
  /** Seconds spent evaluating the validation split. */
  evalSeconds: number;
  /** Learning rate used in this epoch. */
  lr: number;
}

export interface FinalRecord {
  testLoss: number;
  testAccuracy: number;
  /** Sum of the epochs' train seconds. */
  trainSeconds: number;
  /** Training samples processed per train second. */
  samplesPerSecond: number;
  /** Test-set confusion matrix: confusion[true][predicted]. */
  confusion: number[][];
}

/** A number that is not finite, as JSON can hold it: `String(value)`. */
export type NonFiniteValue = 'NaN' | 'Infinity' | '-Infinity';

/**
 * Where a trial diverged: the first loss, penalty or accuracy that was not finite, in training (with
 * the 1-based step within the epoch), on the validation split after the epoch, or on the test set after
 * the last epoch. Records written before `where` existed hold only training divergences, as
 * `{ epoch, step, loss }` (loss null for NaN).
 */
export type Divergence =
  | { epoch: number; where: 'train'; step: number; metric: 'loss' | 'penalty'; value: NonFiniteValue }
  | { epoch: number; where: 'validation' | 'test'; metric: 'loss' | 'accuracy'; value: NonFiniteValue }
  | { epoch: number; where?: undefined; step: number; loss: number | null };

export interface TrialRecord {
  id: string;
  configId: string;
  label: string;
  seed: number;
  status: TrialStatus;
  model: { name: string; params: number };
  dataset: { name: string; id: string; checksum: string; train: number; validation: number; test: number };
  optimizer: OptimizerChoice;
  regularizers: RegularizerChoice[];
  initializer: Choice;
  activation: Choice;
  epochs: number;
  /** Rows per step, or "full" (one step per epoch). */
  batchSize: BatchSize;
  history: EpochRecord[];
  /** Present when status is ok. */
  final?: FinalRecord;
  /** Present when status is diverged: where the first value that was not finite was seen. */
  divergence?: Divergence;
  /** Present when status is failed. */
  error?: string;
  /** Present when status is timeout: the limit, and the epochs and steps done when it ran out. */
  timeout?: { seconds: number; epoch: number; step: number };
  /**
   * Present in tuning runs: a search trial (one configuration of the search), a final rerun of the chosen
   * one, or (`bench run --defaults`) the entry untuned, on the same seeds, for comparison.
   */
  phase?: 'search' | 'final' | 'defaults';
  /** Present in tuning runs: the label of the suite's optimizer entry the trial belongs to (two entries of one plugin differ). */
  entry?: string;
  startedAt: string;
  wallSeconds: number;
}

/** "epoch 2, step 3 (training loss NaN)", "epoch 1 (validation loss Infinity)": where a trial diverged. */
export function describeDivergence(d: Divergence): string {
  if (d.where === undefined) return `epoch ${d.epoch}, step ${d.step}`;
  const seen = `${d.where === 'train' ? 'training' : d.where} ${d.metric} ${d.value}`;
  return d.where === 'train' ? `epoch ${d.epoch}, step ${d.step} (${seen})` : `epoch ${d.epoch} (${seen})`;
}

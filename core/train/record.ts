/**
 * The record of one trial, as the results document stores it (core/schemas/results.schema.json's
 * `trial`, docs/results-schema.md): a union keyed on `status`, as tinybench's TaskResult is on its state,
 * so that only an `ok` record has test metrics to read and each other status carries what ended it.
 * Types and the smallest readers of them (`isOk`, `describeDivergence`): how a trial trains and how
 * records are analysed live elsewhere.
 */
import type { TrialConfig } from '../suite/types';

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

/** Present in a timeout record: the limit, and the epoch it ran out in and the steps done by then. */
export interface TrialTimeout {
  seconds: number;
  epoch: number;
  step: number;
}

/**
 * What every trial record holds, whatever its status: the trial's configuration as it trained (the plugin
 * choices, epochs and batch size of its TrialConfig; model and dataset with what was measured of them).
 */
export interface TrialBase extends Pick<TrialConfig, 'optimizer' | 'regularizers' | 'initializer' | 'activation' | 'epochs' | 'batchSize'> {
  id: string;
  configId: string;
  label: string;
  seed: number;
  model: { name: string; params: number };
  dataset: { name: string; id: string; checksum: string; train: number; validation: number; test: number };
  /** The epochs finished: all of them when ok (or diverged on the test set), those before the end otherwise. */
  history: EpochRecord[];
  /**
   * Present in tuning runs: a search trial (one configuration of the search), a final rerun of the chosen
   * one, or (`bench run --defaults`) the entry untuned, on the same seeds, for comparison.
   */
  phase?: 'search' | 'final' | 'defaults';
  /** Present in tuning runs: the label of the suite's optimizer entry the trial belongs to (two entries of one plugin differ). */
  entry?: string;
  /**
   * Present on a search trial that successive halving stopped (core/search/halving.ts): it trained
   * `atEpoch` of the `searchEpochs` its schedule ran over (its `epochs`), in rung `rung` (0-based), and was
   * not promoted. A finished trial of fewer epochs otherwise: ok with its test metrics, ranked only by its search.
   */
  pruned?: { atEpoch: number; rung: number; searchEpochs: number };
  startedAt: string;
  wallSeconds: number;
}

/** A trial that trained every epoch and was evaluated on the test set. */
export interface OkTrial extends TrialBase {
  status: 'ok';
  final: FinalRecord;
}

/** A trial ended by a value that was not finite; its history ends before that epoch (complete before a test divergence). */
export interface DivergedTrial extends TrialBase {
  status: 'diverged';
  divergence: Divergence;
}

/** A trial ended by an error (a plugin threw, tensors leaked, its worker died): no test metrics. */
export interface FailedTrial extends TrialBase {
  status: 'failed';
  error: string;
}

/** A trial that ran past its `timeoutSeconds`: the epochs finished before then stay in its history. */
export interface TimeoutTrial extends TrialBase {
  status: 'timeout';
  timeout: TrialTimeout;
}

/** The record of one trial: narrow on `status` to read what that status carries. */
export type TrialRecord = OkTrial | DivergedTrial | FailedTrial | TimeoutTrial;

export type TrialStatus = TrialRecord['status'];

/** Whether `t` is ok, and so has test metrics (`final`): for filters that keep the narrowed type. */
export const isOk = (t: TrialRecord): t is OkTrial => t.status === 'ok';

/** What a record adds to its TrialBase: its status and the field that status carries. */
export type TrialOutcome =
  | Pick<OkTrial, 'status' | 'final'>
  | Pick<DivergedTrial, 'status' | 'divergence'>
  | Pick<FailedTrial, 'status' | 'error'>
  | Pick<TimeoutTrial, 'status' | 'timeout'>;

/** "epoch 2, step 3 (training loss NaN)", "epoch 1 (validation loss Infinity)": where a trial diverged. */
export function describeDivergence(d: Divergence): string {
  if (d.where === undefined) return `epoch ${d.epoch}, step ${d.step}`;
  const seen = `${d.where === 'train' ? 'training' : d.where} ${d.metric} ${d.value}`;
  return d.where === 'train' ? `epoch ${d.epoch}, step ${d.step} (${seen})` : `epoch ${d.epoch} (${seen})`;
}

/** The record of one trial, as the results document stores it. */
import type { BatchSize, Choice, OptimizerChoice, RegularizerChoice } from './suite';

export type TrialStatus = 'ok' | 'diverged' | 'failed' | 'timeout';

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
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
  /** Present when status is diverged: the first step whose loss was not finite. */
  divergence?: { epoch: number; step: number; loss: number | null };
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

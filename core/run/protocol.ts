/**
 * What the parent and a worker process (core/run/worker.ts) exchange: a warm-up (select the backend,
 * load the datasets, build the first trial's tensors, so that the worker is ready before the parent
 * needs it) and trials (the task sent, the progress events sent back, the result: a TrialRecord). The
 * envelope around them (ids, result or error) is core/run/pool.ts's; this module holds the payload types
 * and nothing that runs.
 */
import type { BackendChoice } from '../backends';
import type { DataLimits } from '../results/run-info';
import type { EpochRecord, TrialRecord } from '../train/record';
import type { Suite } from '../suite/load';
import type { Trial } from '../suite/types';

/** Where a worker's trials train: its backend and the data it loads (the same in every task of a run). */
export interface WorkerSetup {
  backend: BackendChoice;
  threads?: number;
  dataDir: string;
  /** The parent's data limits (the worker reads no environment for them). */
  dataLimits: DataLimits;
}

/** Sent once, first: get ready to train (`datasets` loaded, the tensors of `first`'s data and model built). */
export interface WarmTask extends WorkerSetup {
  kind: 'warm';
  datasets: string[];
  /** The trial this worker will most likely train first (the pool hands trials out in order). */
  first?: Trial;
}

/** What a worker process is sent for one trial: enough to rebuild the suite's registry, select the backend and load the data. */
export interface TrialTask extends WorkerSetup {
  kind: 'trial';
  trial: Trial;
  suite: { file: string; spec: Suite['spec'] };
}

export type WorkerTask = WarmTask | TrialTask;

/** A worker's progress event. */
export type WorkerEvent = { kind: 'epoch'; epoch: EpochRecord };

/** What a worker answers a warm-up with: how long it took. */
export interface WarmResult {
  kind: 'warm';
  seconds: number;
}

/** What a worker answers a task with: a trial's record, or the end of its warm-up. */
export type WorkerResult = TrialRecord | WarmResult;

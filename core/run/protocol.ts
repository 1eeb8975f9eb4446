/**
 * What the parent and a worker process (core/run/worker.ts) exchange about a trial: the task sent, the
 * progress events sent back, and the result (a TrialRecord). The envelope around them (ids, result or
 * error) is core/run/pool.ts's; this module holds the payload types and nothing that runs.
 */
import type { BackendChoice } from '../backends';
import type { DataLimits } from '../results/run-info';
import type { EpochRecord, TrialRecord } from '../train/record';
import type { Suite } from '../suite/load';
import type { Trial } from '../suite/types';

/** What a worker process is sent for one trial: enough to rebuild the suite's registry, select the backend and load the data. */
export interface WorkerTask {
  trial: Trial;
  suite: { file: string; spec: Suite['spec'] };
  backend: BackendChoice;
  threads?: number;
  dataDir: string;
  /** The parent's data limits (the worker reads no environment for them). */
  dataLimits: DataLimits;
}

/** A worker's progress event. */
export type WorkerEvent = { kind: 'epoch'; epoch: EpochRecord };

/** What a worker answers a task with. */
export type WorkerResult = TrialRecord;

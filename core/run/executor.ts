/**
 * Where a run's trials train: one interface, two implementations: core/run/local.ts (one after the
 * other in this process) and core/run/pooled.ts (on worker processes, several at once). An executor
 * trains what it is given and reports through `RunEvents` (onTrialStart, onEpoch); it knows nothing of
 * the plan, the cache, the trial log or the results document: the finished records go to `finish`.
 */
import type { Dataset } from '../data';
import type { TrialRecord } from '../train/record';
import type { Suite } from '../suite/load';
import type { Trial } from '../suite/types';
import type { RunEvents } from './events';

/** What an executor trains: the trials, with the suite (its plugin registry) and the loaded data they use. */
export interface Work {
  suite: Suite;
  datasets: ReadonlyMap<string, Dataset>;
  trials: readonly Trial[];
}

/** Takes a finished record, with the worker slot (1-based) that trained it. */
export type Finish = (record: TrialRecord, worker: number) => void;

/** What every executor is given: the observer to report to, and the signal that stops it. */
export interface ExecutorContext {
  events: RunEvents;
  signal?: AbortSignal;
}

/** Trains trials and hands back their records. */
export interface Executor {
  /**
   * Trains `work.trials`, giving each record to `finish` as it comes (in whatever order they finish; a
   * trial whose worker died comes back as a failed record). Resolves once every trial is finished, or
   * as soon as the signal aborts: trials in flight are then dropped, and no record reaches `finish`.
   */
  run(work: Work, finish: Finish): Promise<void>;
  /** Resolves when it can start training at once (its workers started and warmed up); at once when it has none. */
  ready?(): Promise<void>;
  /** Frees what it holds: its worker processes exit, or are killed at once when `kill` (after an abort or an error). */
  close(kill: boolean): Promise<void>;
}

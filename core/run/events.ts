/**
 * What a run tells its caller while it runs: one observer object, `RunEvents`, every method optional.
 * Events are reports, not controls: to stop a run, abort its `signal`. This module holds the types and
 * nothing else; it knows nothing of terminals or progress bars (the CLI's core/cli/progress.ts draws them).
 */
import type { EpochRecord, TrialRecord } from '../train/record';
import type { Trial } from '../suite/types';

/** The plan, reported once before training. */
export interface PlanEvent {
  /** Trials this run (or shard) holds. */
  total: number;
  /** Already done by the run this one resumes. */
  resumed: number;
  /** Taken from the result cache (by this run or by the one it resumes). */
  cached: number;
  /** Done by the earlier looks (or rungs) of the run this one continues. */
  carried: number;
  /** Left to train. */
  toRun: number;
  /** Trained at once: worker processes, or 1 in this process; 0 when nothing is left. */
  workers: number;
  /** The work counted in epochs, for an ETA: of every trial, and of those done before this run started (each trial's own epochs). */
  epochs: { total: number; done: number };
}

/**
 * An observer of a run. `worker` is the slot (1-based) a trial trains on, 1 in this process. Methods are
 * called in the run's own process, in the order things happen.
 */
export interface RunEvents {
  /** One line of progress or notice (the backend, the cache, resuming, warnings). */
  log?(line: string): void;
  /** Once, before training: how many trials, how many already done (resumed or cached). */
  onPlan?(plan: PlanEvent): void;
  onTrialStart?(trial: Trial, worker: number): void;
  onEpoch?(trial: Trial, epoch: EpochRecord, worker: number): void;
  /** After each finished trial, once it is written; `done` counts resumed and cached trials too. */
  onTrial?(record: TrialRecord, done: number, total: number, worker: number): void;
}

/** `events.log`, or a function that drops the line. */
export function logOf(events: RunEvents | undefined): (line: string) => void {
  return events?.log ? (line) => events.log!(line) : () => {};
}

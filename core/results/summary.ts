/**
 * The summary of a run in one object, as `bench run --json` prints it: where the results are, whether
 * the run is complete, its trials counted by status, and the ranking (a tuning run's selection too).
 * Derived from a results document only; knows nothing of how the run was executed or printed.
 */
import type { RankEntry } from '../analysis/ranking';
import type { TrialStatus } from '../train/record';
import { type ResultsDocument, withRanking } from './document';
import type { Selection } from './selection';

/** What `bench run --json` prints on stdout. */
export interface RunSummary {
  /** The results file written. */
  results: string;
  /** The suite's name. */
  suite: string;
  complete: boolean;
  /** Trials in the document. */
  trials: number;
  /** Trials by status, every status present (0 when none). */
  counts: Record<TrialStatus, number>;
  ranking: RankEntry[];
  /** Tuning runs: the configuration chosen per optimizer entry and workload. */
  selection?: Selection[];
  /** The signal that stopped the run before its end (the file is valid and incomplete). */
  stoppedBy?: string;
}

/** The summary of `doc`, written to `results`; the ranking is derived afresh from its trials. */
export function runSummary(doc: ResultsDocument, results: string, stoppedBy?: string): RunSummary {
  const counts: Record<TrialStatus, number> = { ok: 0, diverged: 0, failed: 0, timeout: 0 };
  for (const t of doc.trials) counts[t.status]++;
  return {
    results,
    suite: doc.suite.name,
    complete: doc.complete !== false,
    trials: doc.trials.length,
    counts,
    ranking: withRanking(doc).ranking,
    ...(doc.selection ? { selection: doc.selection } : {}),
    ...(stoppedBy ? { stoppedBy } : {}),
  };
}

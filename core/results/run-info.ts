/**
 * The `run` section of a results document: how it was produced (code, shard, workers, where its trials came
 * from), and the document type a run writes. Types only: it knows nothing of running, resuming or merging.
 */
import type { SequentialRecord } from '../analysis/sequential';
import type { CodeVersion } from '../env/code-version';
import type { Shard } from '../suite/shard';
import type { ResultsDocument } from './document';

/** How many images of each split to keep (test-only; see the module comment). */
export interface DataLimits {
  train?: number;
  test?: number;
}

/** How a results document was produced: code, shard, workers, and where its trials came from. */
export interface RunInfo {
  code: CodeVersion;
  /** Every trial id of the suite, in suite order (all shards). */
  suiteTrials: string[];
  /** The trial ids this document is to hold (this shard's), in suite order. */
  plannedTrials: string[];
  shard: Shard | null;
  /** Trials trained at once, as asked for (1: in the bench process itself). */
  workers: number;
  /**
   * Seconds each worker slot spent training this run's trials (their records' wall seconds), one entry
   * per worker started (none when every trial was resumed or cached): with `wallSeconds`, how well the
   * workers were kept busy.
   */
  busySeconds?: number[];
  /** Seconds from the run's start (backend, data, workers' start-up) to this document. */
  wallSeconds?: number;
  /** Ids whose records came from the result cache. */
  cachedTrials: string[];
  /** Ids whose records came from the interrupted run that this one resumed. */
  resumedTrials: string[];
  dataLimits: DataLimits | null;
  /** `bench run --seeds-until-separated`: the looks, their level and the seeds added (core/analysis/sequential.ts). */
  sequential?: SequentialRecord;
  /** Set by `bench merge`: the files merged. */
  mergedFrom?: Array<{ file: string; shard: Shard | null; hostname?: string; createdAt: string; trials: number }>;
  /**
   * Set by `bench merge --partial` on sharded files: each shard of the split that is missing (no file
   * given: `file` null) or unfinished, with the trials it holds of those it planned (null when unknown).
   */
  incompleteShards?: IncompleteShard[];
}

/** A shard that a partial merge lacks in whole or in part. */
export interface IncompleteShard {
  shard: Shard;
  file: string | null;
  trials: number;
  planned: number | null;
}

/** A results document as this runner writes it. */
export type RunDocument = ResultsDocument & { run: RunInfo };

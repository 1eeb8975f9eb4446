/**
 * `executeSuite`: one call that runs what `bench run` asks for, plain or tuned. It prepares the run
 * (core/run/prepare.ts: the suite, the results file, the backend, the shard, the resumed run), holds the
 * results file's lock while it runs, turns SIGINT/SIGTERM into an abort when asked to (`stopOnSignals`),
 * and hands the suite to `runTuning` (core/search/run.ts) when it has a search, to `runSequential`
 * (core/run/sequential.ts) with `seedsUntilSeparated` (or resuming a sequential run), else to `runSuite`.
 *
 * It lives in search/ and not in run/ because choosing between the two runners needs both: search/ comes
 * after run/ in the layering (it imports run/), so run/ cannot call the tuning runner without having it
 * injected by every caller, and the first folder that sees both is this one. It prints nothing and parses
 * no argv: what it has to say goes to `events` (core/run/events.ts); the CLI draws the tables.
 */
import type { StatsOptions } from '../analysis/rank-options';
import type { DataLimits, RunDocument } from '../results/run-info';
import { defaultDataDir } from '../data/dataset';
import { InputError } from '../util/errors';
import { logOf, type RunEvents } from '../run/events';
import type { StartedWorkers } from '../run/prestart';
import { defaultWorkers } from '../run/workers';
import { holdResultsFile, prepareRun, type RunRequest } from '../run/prepare';
import { runSuite } from '../run/run-suite';
import { runSequential, startRecord } from '../run/sequential';
import { abortOnSignals, type StopSignal } from '../run/signals';
import { ESTIMATED_COSTS } from '../suite/cost';
import type { Suite } from '../suite/load';
import { hasSearch, runTuning } from './run';

/** A run as `bench run` asks for it: the request, and how to train. */
export interface ExecuteOptions extends RunRequest {
  /** Overwrite an existing results file of a new run. */
  force?: boolean;
  /** The datasets folder (default $BENCH_DATA_DIR or ~/.cache/bench/data). */
  dataDir?: string;
  threads?: number;
  /** Trials trained at once (default: the cores this process may use). */
  workers?: number;
  /** Tuning suites: also run each tuned optimizer untuned on the same seeds. */
  defaults?: boolean;
  /** For tests: cut the datasets (core/run/data-limits.ts). */
  dataLimits?: DataLimits;
  /**
   * Stop the run on SIGINT/SIGTERM (the results file stays valid, `complete: false`). Only with worker
   * processes: with one worker the training loop runs in this process and does not yield to the event
   * loop during a trial, so a handler would delay Ctrl-C until the trial ends; the default action stops
   * at once instead, and the files on disk are valid at every moment anyway. For a process that is the
   * run's own (the CLI); a library caller that shares its process can pass nothing and abort otherwise.
   */
  stopOnSignals?: boolean;
  events?: RunEvents;
  /** Worker processes started early by the caller (core/run/prestart.ts); the run takes what it needs. */
  started?: StartedWorkers;
  /** The statistics of the ranking recorded (and printed): --test, --correction, --interval, --alpha. */
  stats?: StatsOptions;
  /**
   * Run sequentially (core/run/sequential.ts): add seeds to the configurations still tied with the best
   * until it is separated or they have this many. A resumed sequential run goes on without it.
   */
  seedsUntilSeparated?: number;
}

/** What an executed run gives back. */
export interface Execution {
  /** The suite as run (after `--set`, or the resumed run's). */
  suite: Suite;
  /** The results file written. */
  out: string;
  doc: RunDocument;
  /** The signal that stopped the run before its end, if one did. */
  stoppedBy?: StopSignal;
}

/** Runs `opts` (see the module comment); an InputError for a request that cannot run. */
export async function executeSuite(opts: ExecuteOptions): Promise<Execution> {
  const log = logOf(opts.events);
  const run = prepareRun(opts);
  const { suite, out } = run;
  const lock = holdResultsFile(run, { force: opts.force, log });
  try {
    for (const b of suite.registry.broken) log(`warning: plugin module ${b.source} is broken: ${b.error}`);
    const workers = opts.workers ?? defaultWorkers();
    const signals = opts.stopOnSignals && workers > 1 ? abortOnSignals((sig) => log(`${sig}: stopping; trials in flight are dropped`)) : undefined;
    try {
      const tuned = hasSearch(suite.spec);
      if (opts.defaults && !tuned) throw new InputError('--defaults: the suite has no search; its ranking is already the untuned one');
      const sequential = opts.seedsUntilSeparated !== undefined || run.resume?.doc?.run?.sequential !== undefined;
      if (sequential && tuned) throw new InputError('--seeds-until-separated: not supported for suites with a search yet');
      if (sequential) startRecord(suite, { ...run, maxSeeds: opts.seedsUntilSeparated, stats: opts.stats }); // its refusals, before any line
      log(`${suite.spec.name}: ${tuned ? 'a hyper-parameter search, then the chosen configurations rerun on the seeds' : `${suite.trials.length} trials`}${run.shard ? `, shard ${run.shard.index}/${run.shard.count} (split by ${(run.costs ?? ESTIMATED_COSTS).source})` : ''}`);
      log(`results: ${out}, rewritten after each trial; if the run is stopped, finish it with: bench run --resume ${out}`);
      const runner = tuned ? runTuning : sequential ? runSequential : runSuite;
      const doc = await runner(suite, {
        backend: run.backend,
        dataDir: opts.dataDir ?? defaultDataDir(),
        out,
        threads: opts.threads,
        workers,
        shard: run.shard,
        costs: run.costs,
        resume: run.resume,
        cacheDir: opts.cacheDir,
        defaults: opts.defaults,
        signal: signals?.signal,
        dataLimits: opts.dataLimits,
        events: opts.events,
        started: opts.started,
        stats: opts.stats,
        maxSeeds: opts.seedsUntilSeparated,
      });
      return { suite, out, doc, ...(signals?.stoppedBy ? { stoppedBy: signals.stoppedBy } : {}) };
    } finally {
      signals?.dispose();
    }
  } finally {
    lock.release();
  }
}

/**
 * Runs a suite, or one shard of it: selects the backend, plans what is left to train (core/run/plan.ts:
 * the shard, the interrupted run being resumed, the result cache), loads the data, and has an executor
 * train the rest: in this process (`workers: 1`, core/run/local.ts) or on worker processes, each with its
 * own backend instance (core/run/pooled.ts). This module orders those steps and owns their lifetimes; each
 * step's logic lives in its own module, and it knows nothing of command lines, terminals or tuning.
 *
 * Crash safety (core/run/writer.ts): each finished trial is appended (fsync'd) to `<out>.trials.jsonl`
 * and the results document is rewritten atomically. An abort (`signal`; the CLI raises it on SIGINT or
 * SIGTERM) stops the workers and leaves a valid document with `complete: false`; a kill -9 loses only
 * the trials in flight. `readPreviousRun` (core/run/resume.ts) + `resume` finish it.
 *
 * Worker processes: as many as there are trials left, at most `workers`, none when none is left. Without
 * a cache their number is known before the data is loaded: they start at once and warm up (their
 * backend, the datasets, the first trial's tensors) while this process loads the data; with a cache it
 * is known only after the cache lookups, which need the data's checksums. The machine-speed probe runs
 * when no worker is starting: after the warm-up, or before the workers of a cached run start (workers
 * loading their modules beside it made it read up to 4x slow, which bench compare then took for a
 * slower machine). The document records each worker's busy seconds and the run's wall time.
 */
import * as path from 'node:path';
import type { BackendChoice, BackendInfo } from '../backends';
import { useBackend } from '../backends';
import type { StatsOptions } from '../analysis/rank-options';
import type { SequentialRecord } from '../analysis/sequential';
import { codeVersion } from '../env/code-version';
import { calibrate } from '../env/calibration';
import type { Dataset } from '../data';
import { preflight } from '../suite/preflight';
import type { DataLimits, RunDocument } from '../results/run-info';
import { cacheKeyOf, TrialCache } from '../results/trial-cache';
import type { CostModel } from '../suite/cost';
import type { Shard } from '../suite/shard';
import type { Suite } from '../suite/load';
import type { Trial } from '../suite/types';
import { hasLimits, loadRunDataset } from './data-limits';
import { logOf, type RunEvents } from './events';
import type { Executor } from './executor';
import { LocalExecutor } from './local';
import { planEvent, planRun, type RunPlan, takeFromCache } from './plan';
import { PooledExecutor, workerThreads } from './pooled';
import type { StartedWorkers } from './prestart';
import type { PreviousRun } from './resume';
import { RunWriter } from './writer';

export type { PreviousRun } from './resume';
export type { RunEvents, PlanEvent } from './events';

/** How to run a suite. */
export interface RunOptions {
  backend: BackendChoice;
  dataDir: string;
  /** Where the results document goes; written after every trial, with its log beside it. */
  out?: string;
  /** TensorFlow intra-op threads per worker (native backend); default: cores / workers. */
  threads?: number;
  /** Trials trained at once: 1 (default) trains in this process; more train on worker processes. */
  workers?: number;
  /** Run only this shard of the trials. */
  shard?: Shard;
  /** What each trial costs, for splitting the shard (default: estimated FLOPs). */
  costs?: CostModel;
  /** Take matching trials from, and store finished ones in, this result cache. */
  cacheDir?: string;
  /** Finish this interrupted run (its results file is `out`). */
  resume?: PreviousRun;
  /** Aborting stops the run: trials in flight are dropped, the document is left with `complete: false`. */
  signal?: AbortSignal;
  /** For tests: keep only the first n images of each split (core/run/data-limits.ts); default: the whole datasets. */
  dataLimits?: DataLimits;
  /** Progress and notices: the plan, each trial's start, epochs and record, log lines. */
  events?: RunEvents;
  /** Worker processes started before the run (core/run/prestart.ts), for its pool to take. */
  started?: StartedWorkers;
  /** The statistics of the ranking the results document records (`bench run --test` ...; default: core/analysis/rank-options.ts's). */
  stats?: StatsOptions;
  /** A sequential run's record so far, written into the document's `run.sequential` (core/run/sequential.ts). */
  sequential?: SequentialRecord;
}

/** Runs every trial of `suite` (or of `opts.shard`); returns the results document. */
export async function runSuite(suite: Suite, opts: RunOptions): Promise<RunDocument> {
  const t0 = performance.now();
  const events = opts.events ?? {};
  const log = logOf(events);
  const workers = Math.max(1, Math.floor(opts.workers ?? 1));
  const limits = opts.dataLimits ?? {};
  const pooled = workers > 1;
  const selected = await useBackend(opts.backend, { threads: opts.threads });
  // With worker processes the trials run on the workers' TensorFlow, each with its own thread count.
  const backend: BackendInfo = pooled && selected.name === 'tensorflow' ? { ...selected, threads: workerThreads(opts.threads, workers) } : selected;
  logBackend(backend, pooled, limits, log);
  const code = codeVersion(suite.spec.plugins ?? [], path.dirname(path.resolve(suite.file)));
  let plan = planRun(suite, { shard: opts.shard, resume: opts.resume, costs: opts.costs, code, backend: backend.name, log });

  const executorFor = (p: RunPlan): Executor | undefined => {
    if (p.todo.length === 0) return undefined;
    if (!pooled) return new LocalExecutor({ events, signal: opts.signal });
    const size = Math.min(workers, p.todo.length);
    return new PooledExecutor({
      events,
      signal: opts.signal,
      size,
      backend: backend.name as BackendChoice,
      threads: workerThreads(opts.threads, workers),
      dataDir: opts.dataDir,
      dataLimits: limits,
      warm: { datasets: suite.spec.datasets, trials: p.todo },
      started: opts.started,
    });
  };
  const cache = opts.cacheDir ? new TrialCache(opts.cacheDir, log) : undefined;
  let executor = cache ? undefined : executorFor(plan); // workers start and warm up while the data loads
  let doc: RunDocument;
  try {
    const datasets = new Map<string, Dataset>();
    for (const name of suite.spec.datasets) datasets.set(name, loadRunDataset(name, opts.dataDir, limits, log));
    preflight(suite, datasets);
    // The fixed compute probe, so that bench compare can judge times from machines of different speed:
    // timed once the workers are warm and idle (see the module comment).
    if (executor?.ready) {
      const w0 = performance.now();
      await executor.ready();
      log(`workers: ${Math.min(workers, plan.todo.length)} ready (backend, datasets, first trial's tensors) in ${((performance.now() - w0) / 1000).toFixed(1)} s`);
    }
    const calibration = await calibrate();
    log(`calibration: ${calibration.probe} ${calibration.medianMs.toFixed(3)} ms median (± ${calibration.rme.toFixed(1)}%)`);
    const cacheKey = (t: Trial) => cacheKeyOf(t.id, datasets.get(t.config.dataset)!.checksum, code, backend);
    if (cache) {
      plan = takeFromCache(plan, (t) => cache.get(cacheKey(t)));
      executor = executorFor(plan);
    }
    const planned = new Map(plan.planned.map((t) => [t.id, t]));
    const writer = new RunWriter({
      suite,
      plan,
      backend,
      calibration,
      datasets,
      code,
      workers,
      slots: plan.todo.length > 0 ? Math.min(workers, plan.todo.length) : 0,
      startedAt: t0,
      dataLimits: limits,
      stats: opts.stats,
      sequential: opts.sequential,
      resume: opts.resume,
      out: opts.out,
      store: cache ? (r) => cache.put(cacheKey(planned.get(r.id)!), r) : undefined,
      events,
    });
    writer.open();
    logPlan(plan, opts, log);
    events.onPlan?.(planEvent(plan, workers));
    try {
      if (executor && !opts.signal?.aborted) await executor.run({ suite, datasets, trials: plan.todo }, (r, w) => writer.add(r, w));
    } finally {
      writer.closeLog();
    }
    doc = writer.finish();
    logEfficiency(doc, log);
  } catch (e) {
    await executor?.close(true);
    throw e;
  }
  await executor?.close(opts.signal?.aborted ?? false);
  return doc;
}

/** `workers: 2, 11.3 s: worker 1 busy 10.2 s, worker 2 busy 9.8 s (88% of 2 x 11.3 s)`, for a run that trained. */
function logEfficiency(doc: RunDocument, log: (line: string) => void): void {
  const { busySeconds: busy, wallSeconds: wall } = doc.run;
  if (!busy || busy.length === 0 || !wall) return;
  const sum = busy.reduce((a, b) => a + b, 0);
  const each = busy.map((b, i) => `worker ${i + 1} busy ${b.toFixed(1)} s`).join(', ');
  log(`workers: ${busy.length}, ${wall.toFixed(1)} s: ${each} (${((100 * sum) / (busy.length * wall)).toFixed(0)}% of ${busy.length} x ${wall.toFixed(1)} s)`);
}

function logBackend(backend: BackendInfo, pooled: boolean, limits: DataLimits, log: (line: string) => void): void {
  if (backend.name === 'cpu') log('warning: the cpu backend is the pure-JS reference: hundreds of times slower for training');
  const threads = backend.threads ? `, ${backend.threads} thread${backend.threads > 1 ? 's' : ''}${pooled ? ' per worker' : ''}` : '';
  log(`backend: ${backend.name} (${backend.package}${threads})`);
  if (hasLimits(limits)) log(`test limits: ${JSON.stringify(limits)} (BENCH_TRAIN_LIMIT / BENCH_TEST_LIMIT): datasets are cut`);
}

function logPlan(plan: RunPlan, opts: RunOptions, log: (line: string) => void): void {
  if (opts.resume && !opts.resume.continued) log(`resuming ${opts.resume.file}: ${plan.carriedOver} of ${plan.plannedIds.length} trials already done`);
  if (opts.cacheDir) log(`cache ${opts.cacheDir}: ${plan.fromCache} trial${plan.fromCache === 1 ? '' : 's'} taken from the cache`);
}

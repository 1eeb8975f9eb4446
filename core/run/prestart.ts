/**
 * Worker processes started before a run is planned: `bench run --workers N` starts them first thing,
 * before it loads the run's own modules, its backend and its data, and sends each a first warm-up with
 * the backend and threads it will most likely train on, so that their start-up (Node, their modules,
 * TensorFlow) overlaps the parent's. The run's pooled executor (core/run/pooled.ts) adopts them, as many
 * as it needs; `release()` kills those it did not take (a run that needs fewer workers, or none, or
 * fails before it trains). Light on purpose: node built-ins and core/run/pool.ts only.
 */
import type { BackendChoice } from '../backends/choices';
import type { DataLimits } from '../results/run-info';
import { ProcessPool } from './pool';
import type { WorkerEvent, WorkerResult, WorkerTask } from './protocol';
import { workerEntry, workerThreads } from './workers';

/** Workers started early, for a run to adopt. */
export interface StartedWorkers {
  /** What they were warmed up for: a run on another backend or thread count starts its own. */
  readonly backend: BackendChoice;
  readonly threads: number;
  /** Pids of the workers not taken (for tests and diagnostics). */
  readonly pids: number[];
  /** Hands the pool to the run (once): undefined when already taken or released. */
  take(): ProcessPool<WorkerResult, WorkerEvent> | undefined;
  /** Kills the workers unless the run took them. */
  release(): Promise<void>;
}

/** What the early workers are started for: the run's `--workers`, `--backend`, `--threads` and data. */
export interface StartOptions {
  workers: number;
  backend: BackendChoice;
  threads?: number;
  dataDir: string;
  dataLimits: DataLimits;
}

/** Starts `opts.workers` worker processes now and sends each a warm-up of its backend (no data yet). */
export function startWorkers(opts: StartOptions): StartedWorkers {
  const { entry, execArgv } = workerEntry();
  let pool: ProcessPool<WorkerResult, WorkerEvent> | undefined = new ProcessPool<WorkerResult, WorkerEvent>({ size: opts.workers, entry, execArgv });
  pool.warm();
  const threads = workerThreads(opts.threads, opts.workers);
  const task: WorkerTask = { kind: 'warm', backend: opts.backend, threads, dataDir: opts.dataDir, dataLimits: opts.dataLimits, datasets: [] };
  for (let i = 0; i < opts.workers; i++) pool.run(task).catch(() => {}); // a worker killed unused fails its warm-up: no matter
  return {
    backend: opts.backend,
    threads,
    get pids() {
      return pool?.pids ?? [];
    },
    take() {
      const p = pool;
      pool = undefined;
      return p;
    },
    async release() {
      const p = pool;
      pool = undefined;
      await p?.terminate();
    },
  };
}

/**
 * The executor that trains on worker processes (`--workers N`, N > 1): a ProcessPool (core/run/pool.ts)
 * of core/run/worker.ts processes, each with its own backend instance and TensorFlow threads, started
 * when the executor is made and sent a warm-up at once (select the backend, load the datasets, build the
 * tensors of the trial each will train first), so that they get ready while the parent finishes its own
 * setup; `ready()` resolves when they are. Its size is the caller's to choose: never more than the trials
 * left. A worker that dies takes only its trial with it (a failed record); an abort kills every worker at
 * once. It knows nothing of the plan, the cache or the files a run writes.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { BackendChoice } from '../backends';
import type { Dataset } from '../data';
import { messageOf } from '../util/errors';
import { createRng } from '../util/rng';
import type { DataLimits } from '../results/run-info';
import type { TrialRecord } from '../train/record';
import { splitIndices } from '../train/split';
import { newTrialRecord } from '../train/trial';
import type { Trial } from '../suite/types';
import type { Executor, ExecutorContext, Finish, Work } from './executor';
import { ProcessPool } from './pool';
import type { WorkerEvent, WorkerResult, WorkerTask } from './protocol';

/** The default number of workers: the cores this process may use. */
export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** TensorFlow threads of each worker process: `threads` (--threads), else the cores shared among `workers`. */
export function workerThreads(threads: number | undefined, workers: number): number {
  return threads ?? Math.max(1, Math.floor(defaultWorkers() / workers));
}

/** The module a worker process runs, and how to start it (ts-node when running from the sources). */
export function workerEntry(): { entry: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `worker${ext}`);
  return { entry, execArgv: ext === '.ts' ? ['-r', require.resolve('ts-node/register/transpile-only')] : [] };
}

/** How the pooled executor's workers are set up. */
export interface PooledOptions extends ExecutorContext {
  /** Worker processes to start: at least 1, at most the trials left. */
  size: number;
  /** The backend each worker selects: the one the parent resolved (not `auto`). */
  backend: BackendChoice;
  /** TensorFlow threads per worker. */
  threads: number;
  dataDir: string;
  dataLimits: DataLimits;
  /** What to warm the workers up with: the run's datasets, and the trials in the order they will be handed out. */
  warm: { datasets: string[]; trials: readonly Trial[] };
}

/** A failed record for a trial that never reported (its worker died). */
function failedRecord(trial: Trial, dataset: Dataset, error: string, startedAt: string, wallSeconds: number): TrialRecord {
  const { train, val } = splitIndices(dataset.train.count, trial.config.validationFraction, createRng(trial.seed, 'split'));
  return { ...newTrialRecord(trial, dataset, train.length, val.length, startedAt), status: 'failed', error, wallSeconds };
}

/** Trains on `size` worker processes, started at construction. */
export class PooledExecutor implements Executor {
  private readonly pool: ProcessPool<WorkerResult, WorkerEvent>;
  private readonly warming: Promise<unknown>;

  constructor(private readonly opts: PooledOptions) {
    const { entry, execArgv } = workerEntry();
    this.pool = new ProcessPool<WorkerResult, WorkerEvent>({ size: opts.size, entry, execArgv });
    this.pool.warm();
    // One warm-up per worker: all are idle, so the pool hands the i-th to worker i, whose first trial is the i-th.
    const setup = { backend: opts.backend, threads: opts.threads, dataDir: opts.dataDir, dataLimits: opts.dataLimits };
    this.warming = Promise.allSettled(
      Array.from({ length: opts.size }, (_, i) => {
        const first = opts.warm.trials[i];
        const task: WorkerTask = { kind: 'warm', ...setup, datasets: opts.warm.datasets, ...(first ? { first } : {}) };
        return this.pool.run(task);
      }),
    );
  }

  /** Resolves once every worker has finished its warm-up (or failed it: its trial then fails as it would have). */
  async ready(): Promise<void> {
    await this.warming;
  }

  async run(work: Work, finish: Finish): Promise<void> {
    const { signal } = this.opts;
    const aborted = new Promise<void>((resolve) => {
      if (signal?.aborted) resolve();
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    const all = Promise.all(work.trials.map((trial) => this.runOne(work, trial, finish)));
    await Promise.race([all, aborted]);
    if (signal?.aborted) await this.pool.terminate(); // now, before the partial document is written
  }

  private runOne(work: Work, trial: Trial, finish: Finish): Promise<void> {
    const { events, signal } = this.opts;
    const task: WorkerTask = {
      kind: 'trial',
      trial,
      suite: { file: work.suite.file, spec: work.suite.spec },
      backend: this.opts.backend,
      threads: this.opts.threads,
      dataDir: this.opts.dataDir,
      dataLimits: this.opts.dataLimits,
    };
    let slot = 0;
    let startedAt = '';
    let t0 = 0;
    return this.pool
      .run(task, {
        onStart: (s) => {
          slot = s;
          startedAt = new Date().toISOString();
          t0 = performance.now();
          events.onTrialStart?.(trial, s);
        },
        onEvent: (ev, s) => {
          if (ev.kind === 'epoch') events.onEpoch?.(trial, ev.epoch, s);
        },
      })
      .then(
        (result) => {
          if (!signal?.aborted && !('kind' in result)) finish(result, slot);
        },
        (e: unknown) => {
          if (signal?.aborted) return;
          const dataset = work.datasets.get(trial.config.dataset)!;
          finish(failedRecord(trial, dataset, messageOf(e), startedAt || new Date().toISOString(), t0 ? (performance.now() - t0) / 1000 : 0), slot);
        },
      );
  }

  async close(kill: boolean): Promise<void> {
    await (kill ? this.pool.terminate() : this.pool.close());
  }
}

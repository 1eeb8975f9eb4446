/**
 * The executor that trains on worker processes (`--workers N`, N > 1): a ProcessPool (core/run/pool.ts)
 * of core/run/worker.ts processes, each with its own backend instance and TensorFlow threads, started
 * when the executor is made and sent a warm-up at once (select the backend, load the datasets, build the
 * tensors of the trial each will train first), so that they get ready while the parent finishes its own
 * setup; `ready()` resolves when they are. Its size is the caller's to choose: never more than the trials
 * left. A worker that dies takes only its trial with it (a failed record); an abort kills every worker at
 * once. It knows nothing of the plan, the cache or the files a run writes.
 */
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
import type { StartedWorkers } from './prestart';
import { workerEntry } from './workers';

export { defaultWorkers, workerEntry, workerThreads } from './workers';

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
  /** Workers started before the run was planned (core/run/prestart.ts): taken when they suit it. */
  started?: StartedWorkers;
}

function newPool(size: number): ProcessPool<WorkerResult, WorkerEvent> {
  const { entry, execArgv } = workerEntry();
  return new ProcessPool<WorkerResult, WorkerEvent>({ size, entry, execArgv });
}

/** The early workers, cut to `size`, when they were started for this backend and thread count and are enough. */
function adopt(opts: PooledOptions): ProcessPool<WorkerResult, WorkerEvent> | undefined {
  const s = opts.started;
  if (!s || s.threads !== opts.threads || (s.backend !== 'auto' && s.backend !== opts.backend)) return undefined;
  const pool = s.take();
  if (!pool || pool.size < opts.size) {
    void pool?.terminate();
    return undefined;
  }
  pool.shrink(opts.size);
  return pool;
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
    this.pool = adopt(opts) ?? newPool(opts.size);
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

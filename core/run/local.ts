/**
 * The executor that trains in this process, one trial after another (`--workers 1`), on the backend the
 * run selected. Trials of one dataset, model and preprocessing share the dataset's tensors, built once per
 * such triple. An abort is seen between trials and at each epoch's end (the training loop does not yield
 * inside an epoch). It knows nothing of the plan, the cache or the files a run writes.
 */
import type { DatasetTensors } from '../data/tensors';
import { toTensors } from '../data/tensors';
import { preprocessingKey, withTrainSubset } from '../data/preprocess';
import { getModel } from '../models';
import { runTrial, type TrainHooks } from '../train/trial';
import type { Executor, ExecutorContext, Finish, Work } from './executor';

class Aborted extends Error {
  constructor() {
    super('run aborted');
  }
}

/** Trains in this process; its one worker slot is 1. */
export class LocalExecutor implements Executor {
  constructor(private readonly ctx: ExecutorContext) {}

  async run(work: Work, finish: Finish): Promise<void> {
    const { events, signal } = this.ctx;
    let loaded: { key: string; tensors: DatasetTensors } | undefined;
    const hooks: TrainHooks = {
      onEpoch(trial, e) {
        events.onEpoch?.(trial, e, 1);
        if (signal?.aborted) throw new Aborted(); // runTrial records it as failed; the record is dropped below
      },
    };
    try {
      for (const trial of work.trials) {
        await new Promise((resolve) => setImmediate(resolve)); // let timers and signal handlers run between trials
        if (signal?.aborted) break;
        const pre = trial.config.preprocessing;
        const key = `${trial.config.dataset}/${trial.config.model}/${preprocessingKey(pre)}`;
        const dataset = withTrainSubset(work.datasets.get(trial.config.dataset)!, pre);
        if (loaded?.key !== key) {
          loaded?.tensors.dispose();
          const model = getModel(trial.config.model);
          loaded = { key, tensors: toTensors(dataset, model.inputShape, model.name, pre) };
        }
        events.onTrialStart?.(trial, 1);
        const record = await runTrial(trial, { dataset, tensors: loaded.tensors }, work.suite.registry, hooks);
        if (signal?.aborted) break;
        finish(record, 1);
      }
    } finally {
      loaded?.tensors.dispose();
    }
  }

  async close(): Promise<void> {
    // Nothing held between runs: the tensors are disposed when `run` ends.
  }
}

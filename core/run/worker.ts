/**
 * The worker process of `bench run --workers N` (started by core/run/pool.ts for core/run/pooled.ts). Its
 * first task is a warm-up, sent as soon as it starts: it selects its backend, loads the run's datasets
 * (once per worker, cut to the task's data limits) and builds the tensors of the trial it will train
 * first, while the parent process is still loading. Then it rebuilds the suite's plugin registry, keeps
 * the tensors of the last dataset and model, runs core/train/trial.ts's runTrial for every trial it is
 * sent and sends back the TrialRecord, with one progress event per epoch (the messages:
 * core/run/protocol.ts). It reads nothing from the environment that the task carries.
 */
import { useBackend } from '../backends';
import type { Dataset } from '../data';
import { preprocessingKey, withTrainSubset } from '../data/preprocess';
import { toTensors, type DatasetTensors } from '../data/tensors';
import { canonicalJson } from '../util/json';
import { getModel } from '../models';
import { serveTasks } from './pool';
import type { Registry } from '../plugin/registry';
import { loadRunDataset } from './data-limits';
import type { WorkerEvent, WorkerResult, WorkerSetup, WorkerTask } from './protocol';
import type { Trial } from '../suite/types';
import { resolveSuite } from '../suite/load';
import { runTrial } from '../train/trial';

let registry: { key: string; registry: Registry } | undefined;
const datasets = new Map<string, Dataset>();
let tensors: { key: string; tensors: DatasetTensors } | undefined;

/** The dataset `name` as this worker's tasks cut it, loaded on first use. */
function datasetOf(name: string, setup: WorkerSetup): { key: string; dataset: Dataset } {
  const key = canonicalJson([name, setup.dataDir, setup.dataLimits]);
  let dataset = datasets.get(key);
  if (!dataset) {
    dataset = loadRunDataset(name, setup.dataDir, setup.dataLimits);
    datasets.set(key, dataset);
  }
  return { key, dataset };
}

/** The tensors of `trial`'s data and model, the last ones kept; and the dataset as the trial trains on it. */
function tensorsOf(trial: Trial, setup: WorkerSetup): { subset: Dataset; tensors: DatasetTensors } {
  const c = trial.config;
  const { key, dataset } = datasetOf(c.dataset, setup);
  const pre = c.preprocessing;
  const subset = withTrainSubset(dataset, pre);
  const tensorKey = `${key}/${c.model}/${preprocessingKey(pre)}`;
  if (tensors?.key !== tensorKey) {
    tensors?.tensors.dispose();
    const model = getModel(c.model);
    tensors = { key: tensorKey, tensors: toTensors(subset, model.inputShape, model.name, pre) };
  }
  return { subset, tensors: tensors.tensors };
}

async function runTask(task: WorkerTask, emit: (e: WorkerEvent) => void): Promise<WorkerResult> {
  const t0 = performance.now();
  await useBackend(task.backend, { threads: task.threads });
  if (task.kind === 'warm') {
    for (const name of task.datasets) datasetOf(name, task);
    if (task.first) tensorsOf(task.first, task);
    return { kind: 'warm', seconds: (performance.now() - t0) / 1000 };
  }
  const suiteKey = canonicalJson(task.suite);
  if (registry?.key !== suiteKey) registry = { key: suiteKey, registry: resolveSuite(task.suite.spec, task.suite.file).registry };
  const { subset, tensors: t } = tensorsOf(task.trial, task);
  return runTrial(task.trial, { dataset: subset, tensors: t }, registry.registry, {
    onEpoch: (_trial, epoch) => emit({ kind: 'epoch', epoch }),
  });
}

serveTasks<WorkerTask, WorkerResult, WorkerEvent>(runTask);

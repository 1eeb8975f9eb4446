/**
 * The worker process of `bench run --workers N` (started by core/run/pool.ts for core/run/pooled.ts). It
 * selects its own backend, rebuilds the suite's plugin registry, loads each dataset once (cut to the
 * task's data limits) and keeps the tensors of the last dataset and model, then runs core/train/trial.ts's
 * runTrial for every trial it is sent and sends back the TrialRecord, with one progress event per epoch
 * (the messages: core/run/protocol.ts). It reads nothing from the environment that the task carries.
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
import type { WorkerEvent, WorkerResult, WorkerTask } from './protocol';
import { resolveSuite } from '../suite/load';
import { runTrial } from '../train/trial';

let registry: { key: string; registry: Registry } | undefined;
const datasets = new Map<string, Dataset>();
let tensors: { key: string; tensors: DatasetTensors } | undefined;

async function runTask(task: WorkerTask, emit: (e: WorkerEvent) => void): Promise<WorkerResult> {
  await useBackend(task.backend, { threads: task.threads });
  const suiteKey = canonicalJson(task.suite);
  if (registry?.key !== suiteKey) registry = { key: suiteKey, registry: resolveSuite(task.suite.spec, task.suite.file).registry };
  const c = task.trial.config;
  const dataKey = canonicalJson([c.dataset, task.dataDir, task.dataLimits]);
  let dataset = datasets.get(dataKey);
  if (!dataset) {
    dataset = loadRunDataset(c.dataset, task.dataDir, task.dataLimits);
    datasets.set(dataKey, dataset);
  }
  const pre = c.preprocessing;
  const subset = withTrainSubset(dataset, pre);
  const tensorKey = `${dataKey}/${c.model}/${preprocessingKey(pre)}`;
  if (tensors?.key !== tensorKey) {
    tensors?.tensors.dispose();
    const model = getModel(c.model);
    tensors = { key: tensorKey, tensors: toTensors(subset, model.inputShape, model.name, pre) };
  }
  return runTrial(task.trial, { dataset: subset, tensors: tensors.tensors }, registry.registry, {
    onEpoch: (_trial, epoch) => emit({ kind: 'epoch', epoch }),
  });
}

serveTasks<WorkerTask, WorkerResult, WorkerEvent>(runTask);

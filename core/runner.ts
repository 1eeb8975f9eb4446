/**
 * Runs a suite: selects the backend, loads each dataset once, trains every trial in order, and
 * writes the results document after each finished trial (atomically), so an interrupted run leaves a
 * valid partial document (`complete: false`).
 */
import type { BackendChoice, BackendInfo } from './backends';
import { useBackend } from './backends';
import { loadDataset, type Dataset } from './data';
import { preprocessingKey, withTrainSubset } from './data/preprocess';
import { toTensors, type DatasetTensors } from './data/tensors';
import { captureEnvironment } from './environment';
import { getModel } from './models';
import { rankConfigurations } from './ranking';
import type { TrialRecord } from './record';
import { type ResultsDocument, SCHEMA_VERSION, toolVersion, writeResults } from './results';
import type { Suite } from './suite';
import { runTrial, type TrainHooks } from './train';

export interface RunOptions {
  backend: BackendChoice;
  dataDir: string;
  /** Where the results document goes; written after every trial. */
  out?: string;
  threads?: number;
  /** One line of progress or notice. */
  log?: (line: string) => void;
  hooks?: TrainHooks;
  onTrial?: (record: TrialRecord, done: number, total: number) => void;
}

/** Runs every trial of `suite`; returns the complete results document. */
export async function runSuite(suite: Suite, opts: RunOptions): Promise<ResultsDocument> {
  const log = opts.log ?? (() => {});
  const backend: BackendInfo = await useBackend(opts.backend, { threads: opts.threads });
  if (backend.name === 'cpu') log('warning: the cpu backend is the pure-JS reference: hundreds of times slower for training');
  log(`backend: ${backend.name} (${backend.package}${backend.threads ? `, ${backend.threads} thread${backend.threads > 1 ? 's' : ''}` : ''})`);

  const datasets = new Map<string, Dataset>();
  for (const name of suite.spec.datasets) datasets.set(name, loadDataset(name, opts.dataDir, log));

  const doc: ResultsDocument = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'bench', version: toolVersion() },
    createdAt: new Date().toISOString(),
    complete: false,
    environment: captureEnvironment(backend),
    suite: { name: suite.spec.name, file: suite.file, spec: suite.spec },
    datasets: [...datasets.values()].map(({ name, id, source, checksum, files }) => ({ name, id, source, checksum, files })),
    trials: [],
    ranking: [],
  };

  // Trials of one model, dataset and preprocessing share the dataset's tensors; build them once per triple.
  let loaded: { key: string; tensors: DatasetTensors } | undefined;
  try {
    for (const trial of suite.trials) {
      const pre = trial.config.preprocessing;
      const key = `${trial.config.dataset}/${trial.config.model}/${preprocessingKey(pre)}`;
      const dataset = withTrainSubset(datasets.get(trial.config.dataset)!, pre);
      if (loaded?.key !== key) {
        loaded?.tensors.dispose();
        const model = getModel(trial.config.model);
        loaded = { key, tensors: toTensors(dataset, model.inputShape, model.name, pre) };
      }
      const record = await runTrial(trial, { dataset, tensors: loaded.tensors }, suite.registry, opts.hooks);
      doc.trials.push(record);
      doc.ranking = rankConfigurations(doc.trials);
      if (opts.out) writeResults(opts.out, doc);
      opts.onTrial?.(record, doc.trials.length, suite.trials.length);
    }
  } finally {
    loaded?.tensors.dispose();
  }
  doc.complete = true;
  if (opts.out) writeResults(opts.out, doc);
  return doc;
}

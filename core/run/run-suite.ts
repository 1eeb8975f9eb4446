/**
 * Runs a suite, or one shard of it: selects the backend, loads each dataset, takes what it can from an
 * interrupted run (`resume`) and from the result cache (`cacheDir`), and trains the rest, in this
 * process (`workers: 1`) or on a pool of worker processes, each with its own backend instance.
 *
 * Crash safety: each finished trial is appended (fsync'd) to `<out>.trials.jsonl` and the results
 * document is rewritten atomically, trials in suite order whatever order they finished in. An abort
 * (`signal`, which the CLI raises on SIGINT/SIGTERM) stops the workers and leaves a valid document with
 * `complete: false`; a kill -9 loses only the trials in flight. `readPreviousRun` + `resume` finish it.
 *
 * Test-only switches, read from the environment: BENCH_TRAIN_LIMIT=n and BENCH_TEST_LIMIT=n keep the
 * first n images of the training / test split, so tests can train real models in a fraction of a
 * second. The dataset's id and checksum then say so (`mnist-subset-6309-train256`), which keeps such
 * results out of the cache entries and merges of full runs.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BackendChoice, BackendInfo } from '../backends';
import { useBackend } from '../backends';
import { type CodeVersion, codeVersion } from '../env/code-version';
import { loadDataset, type Dataset } from '../data';
import { preprocessingKey, withTrainSubset } from '../data/preprocess';
import { toTensors, type DatasetTensors } from '../data/tensors';
import { type Calibration, calibrate } from '../env/calibration';
import { captureEnvironment } from '../env/environment';
import { preflight } from '../suite/preflight';
import { InputError, messageOf } from '../util/errors';
import { canonicalJson } from '../util/json';
import { getModel } from '../models';
import { ProcessPool } from './pool';
import type { EpochRecord, TrialRecord } from '../train/record';
import { type ResultsDocument, readResults, SCHEMA_VERSION, withRanking, writeResults } from '../results/document';
import { toolVersion } from '../env/code-version';
import { formatShard, type Shard, selectShard } from '../suite/shard';
import type { Suite } from '../suite/load';
import type { Trial } from '../suite/types';
import { newTrialRecord, runTrial, type TrainHooks } from '../train/trial';
import { splitIndices } from '../train/split';
import { type LogHeader, logFileOf, readTrialLog, TrialLog } from '../results/trial-log';
import { cacheKeyOf, TrialCache } from '../results/trial-cache';
import { createRng } from '../util/rng';
import type { DataLimits, RunDocument, RunInfo } from '../results/run-info';

/** What an interrupted run left: its results document and/or its trial log. */
export interface PreviousRun {
  /** The results file, where the resumed run writes. */
  file: string;
  doc?: ResultsDocument & { run?: RunInfo };
  header?: LogHeader;
  /** Every finished trial found in either, by id. */
  records: Map<string, TrialRecord>;
  suite: { name: string; file: string; spec: Suite['spec'] };
  plannedTrials: string[];
  shard: Shard | null;
  code: CodeVersion;
  backend: string;
}

export interface RunOptions {
  backend: BackendChoice;
  dataDir: string;
  /** Where the results document goes; written after every trial, with its log beside it. */
  out?: string;
  /** TensorFlow intra-op threads per worker (native backend); default: cores / workers. */
  threads?: number;
  /** Trials trained at once: 1 (default) trains in this process; more start that many worker processes. */
  workers?: number;
  /** Run only this shard of the trials. */
  shard?: Shard;
  /** Take matching trials from, and store finished ones in, this result cache. */
  cacheDir?: string;
  /** Finish this interrupted run (its results file is `out`). */
  resume?: PreviousRun;
  /** Aborting stops the run: trials in flight are dropped, the document is left with `complete: false`. */
  signal?: AbortSignal;
  /** Test-only data limits (default: BENCH_TRAIN_LIMIT / BENCH_TEST_LIMIT). */
  dataLimits?: DataLimits;
  /** One line of progress or notice. */
  log?: (line: string) => void;
  /** In-process epoch hook (kept for callers of the first API; `onEpoch` sees every worker). */
  hooks?: TrainHooks;
  /** Called once before training: how many trials, how many already done (resumed or cached). */
  onPlan?: (plan: { total: number; resumed: number; cached: number; toRun: number; workers: number }) => void;
  onTrialStart?: (trial: Trial, worker: number) => void;
  onEpoch?: (trial: Trial, epoch: EpochRecord, worker: number) => void;
  /** After each finished trial; `done` counts resumed and cached trials too. */
  onTrial?: (record: TrialRecord, done: number, total: number, worker: number) => void;
}

/** The data limits set in the environment (BENCH_TRAIN_LIMIT, BENCH_TEST_LIMIT). */
export function dataLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): DataLimits {
  const read = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    if (!/^[1-9]\d*$/.test(v)) throw new InputError(`${name}="${v}": expected a positive integer`);
    return Number(v);
  };
  const limits: DataLimits = {};
  const train = read('BENCH_TRAIN_LIMIT');
  const test = read('BENCH_TEST_LIMIT');
  if (train !== undefined) limits.train = train;
  if (test !== undefined) limits.test = test;
  return limits;
}

const hasLimits = (l: DataLimits) => l.train !== undefined || l.test !== undefined;

/** `ds` cut to the first `limits.train` / `limits.test` images; id and checksum record the cut. */
export function limitDataset(ds: Dataset, limits: DataLimits): Dataset {
  if (!hasLimits(limits)) return ds;
  const [h, w, c] = ds.imageShape;
  const cut = (s: Dataset['train'], n: number | undefined) => {
    if (n === undefined || n >= s.count) return s;
    return { images: s.images.subarray(0, n * h * w * c), labels: s.labels.subarray(0, n), count: n };
  };
  const train = cut(ds.train, limits.train);
  const test = cut(ds.test, limits.test);
  const tag = `${train.count < ds.train.count ? `-train${train.count}` : ''}${test.count < ds.test.count ? `-test${test.count}` : ''}`;
  if (!tag) return ds;
  const checksum = crypto.createHash('sha256').update(`${ds.checksum}${tag}`).digest('hex');
  return { ...ds, id: `${ds.id}${tag}`, checksum, train, test };
}

/** Loads dataset `name` with the data limits applied. */
export function loadRunDataset(name: string, dataDir: string, limits: DataLimits, log: (line: string) => void = () => {}): Dataset {
  return limitDataset(loadDataset(name, dataDir, log), limits);
}

/** The default number of workers: the cores this process may use. */
export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Reads what an interrupted run left at `file`: a results file, or its `.trials.jsonl` log, or both
 * (the log may hold a trial or two that the document had not been rewritten with yet).
 */
export function readPreviousRun(file: string): PreviousRun {
  const resultsFile = file.endsWith('.trials.jsonl') ? file.slice(0, -'.trials.jsonl'.length) : file;
  const logFile = logFileOf(resultsFile);
  const haveDoc = fs.existsSync(resultsFile);
  const haveLog = fs.existsSync(logFile);
  if (!haveDoc && !haveLog) throw new InputError(`--resume ${file}: neither ${resultsFile} nor ${logFile} exists`);
  const doc = haveDoc ? (readResults(resultsFile) as ResultsDocument & { run?: RunInfo }) : undefined;
  const log = haveLog ? readTrialLog(logFile) : undefined;
  if (doc && !doc.run) throw new InputError(`${resultsFile}: has no $.run section (written by a bench without resume support); it cannot be resumed`);
  const records = new Map<string, TrialRecord>();
  for (const r of [...(doc?.trials ?? []), ...(log?.records ?? [])]) if (!records.has(r.id)) records.set(r.id, r);
  const h = log?.header;
  const run = doc?.run;
  if (doc && h && canonicalJson(doc.run!.plannedTrials) !== canonicalJson(h.plannedTrials)) {
    throw new InputError(`${resultsFile} and ${logFile} describe different runs (their planned trials differ)`);
  }
  return {
    file: resultsFile,
    doc,
    header: h,
    records,
    suite: doc ? doc.suite : h!.suite,
    plannedTrials: run ? run.plannedTrials : h!.plannedTrials,
    shard: run ? run.shard : h!.shard,
    code: run ? run.code : h!.code,
    backend: doc ? doc.environment.backend.name : h!.backend,
  };
}

/**
 * A cached record under this run's names: the cache key (the trial id) hashes the configuration without
 * its labels, so the run that stored it may have labelled it otherwise, or run it in another phase or entry.
 */
function namedByThisRun(r: TrialRecord, t: Trial): TrialRecord {
  const { phase: _phase, entry: _entry, ...rest } = r;
  const c = t.config;
  return {
    ...rest,
    label: t.label,
    optimizer: c.optimizer,
    regularizers: c.regularizers,
    initializer: c.initializer,
    activation: c.activation,
    ...(t.phase ? { phase: t.phase } : {}),
    ...(t.entry !== undefined ? { entry: t.entry } : {}),
  };
}

/** A failed record for a trial that never reported (its worker died). */
function failedRecord(trial: Trial, dataset: Dataset, error: string, startedAt: string, wallSeconds: number): TrialRecord {
  const { train, val } = splitIndices(dataset.train.count, trial.config.validationFraction, createRng(trial.seed, 'split'));
  return { ...newTrialRecord(trial, dataset, train.length, val.length, startedAt), status: 'failed', error, wallSeconds };
}

/** What a worker process is sent for one trial. */
export interface WorkerTask {
  trial: Trial;
  suite: { file: string; spec: Suite['spec'] };
  backend: BackendChoice;
  threads?: number;
  dataDir: string;
  dataLimits: DataLimits;
}

/** A worker's progress event. */
export type WorkerEvent = { kind: 'epoch'; epoch: EpochRecord };

/** The module a worker process runs, and how to start it (ts-node when running from the sources). */
export function workerEntry(): { entry: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `worker${ext}`);
  return { entry, execArgv: ext === '.ts' ? ['-r', require.resolve('ts-node/register/transpile-only')] : [] };
}

class Aborted extends Error {
  constructor() {
    super('run aborted');
  }
}

/** Runs every trial of `suite` (or of `opts.shard`); returns the results document. */
export async function runSuite(suite: Suite, opts: RunOptions): Promise<RunDocument> {
  const workers = Math.max(1, Math.floor(opts.workers ?? 1));
  const limits = opts.dataLimits ?? dataLimitsFromEnv();
  // The machine-speed probe runs before any worker starts: workers loading their modules beside it
  // made it read up to 4x slow, which bench compare then took for a slower machine.
  await useBackend(opts.backend, { threads: opts.threads });
  const calibration = await calibrate();
  // Worker processes start now: loading their modules overlaps this process's setup below.
  const pool = workers > 1 ? newPool(Math.min(workers, suite.trials.length)) : undefined;
  let doc: RunDocument;
  try {
    doc = await runWith(suite, opts, workers, limits, pool, calibration);
  } catch (e) {
    await pool?.terminate();
    throw e;
  }
  if (opts.signal?.aborted) await pool?.terminate();
  else await pool?.close();
  return doc;
}

function newPool(size: number): ProcessPool<TrialRecord, WorkerEvent> {
  const { entry, execArgv } = workerEntry();
  const pool = new ProcessPool<TrialRecord, WorkerEvent>({ size, entry, execArgv });
  pool.warm();
  return pool;
}

async function runWith(
  suite: Suite,
  opts: RunOptions,
  workers: number,
  limits: DataLimits,
  pool: ProcessPool<TrialRecord, WorkerEvent> | undefined,
  calibration: Calibration,
): Promise<RunDocument> {
  const log = opts.log ?? (() => {});
  let backend: BackendInfo = await useBackend(opts.backend, { threads: opts.threads });
  // With worker processes the trials run on the workers' TensorFlow, each with its own thread count.
  if (pool && backend.name === 'tensorflow') backend = { ...backend, threads: workerThreads(opts.threads, workers) };
  if (backend.name === 'cpu') log('warning: the cpu backend is the pure-JS reference: hundreds of times slower for training');
  log(`backend: ${backend.name} (${backend.package}${backend.threads ? `, ${backend.threads} thread${backend.threads > 1 ? 's' : ''}${pool ? ' per worker' : ''}` : ''})`);
  if (hasLimits(limits)) log(`test limits: ${JSON.stringify(limits)} (BENCH_TRAIN_LIMIT / BENCH_TEST_LIMIT): datasets are cut`);

  const datasets = new Map<string, Dataset>();
  for (const name of suite.spec.datasets) datasets.set(name, loadRunDataset(name, opts.dataDir, limits, log));
  preflight(suite, datasets);
  // The fixed compute probe (taken in runSuite), so that bench compare can judge times from machines of different speed.
  log(`calibration: ${calibration.probe} ${calibration.medianMs.toFixed(3)} ms median (± ${calibration.rme.toFixed(1)}%)`);

  const code = codeVersion(suite.spec.plugins ?? [], path.dirname(path.resolve(suite.file)));
  const prev = opts.resume;
  const shard = prev ? prev.shard : (opts.shard ?? null);
  if (prev && opts.shard && (!prev.shard || formatShard(prev.shard) !== formatShard(opts.shard))) {
    throw new InputError(`--shard ${formatShard(opts.shard)}: ${prev.file} was run as ${prev.shard ? `shard ${formatShard(prev.shard)}` : 'the whole suite'}`);
  }
  const planned = shard ? selectShard(suite.trials, shard) : suite.trials;
  const plannedIds = planned.map((t) => t.id);
  const done = new Map<string, TrialRecord>();
  const resumed: string[] = [];
  const cached: string[] = [];
  let carriedOver = 0;
  if (prev) {
    checkResumable(prev, plannedIds, code, backend);
    const cachedBefore = new Set(prev.doc?.run?.cachedTrials ?? []);
    for (const id of plannedIds) {
      const r = prev.records.get(id);
      if (r) {
        done.set(id, r);
        (cachedBefore.has(id) ? cached : resumed).push(id);
      }
    }
    carriedOver = done.size;
    const host = prev.doc?.environment.hostname;
    if (host && host !== os.hostname()) {
      log(`note: ${prev.file} was started on ${host}; its timings and this host's end up in one document`);
    }
  }
  const cache = opts.cacheDir ? new TrialCache(opts.cacheDir, log) : undefined;
  const cacheKey = (t: Trial) => cacheKeyOf(t.id, datasets.get(t.config.dataset)!.checksum, code, backend);
  if (cache) {
    for (const t of planned) {
      if (done.has(t.id)) continue;
      const r = cache.get(cacheKey(t));
      if (r) {
        done.set(t.id, namedByThisRun(r, t));
        cached.push(t.id);
      }
    }
  }
  const todo = planned.filter((t) => !done.has(t.id));

  const doc: RunDocument = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'bench', version: toolVersion() },
    createdAt: prev?.doc?.createdAt ?? new Date().toISOString(),
    complete: false,
    environment: { ...captureEnvironment(backend), calibration },
    suite: { name: suite.spec.name, file: suite.file, spec: suite.spec },
    datasets: [...datasets.values()].map(({ name, id, source, checksum, files }) => ({ name, id, source, checksum, files })),
    trials: [],
    ranking: [],
    run: {
      code,
      suiteTrials: suite.trials.map((t) => t.id),
      plannedTrials: plannedIds,
      shard,
      workers,
      cachedTrials: cached,
      resumedTrials: resumed,
      dataLimits: hasLimits(limits) ? limits : null,
    },
  };
  const order = new Map(plannedIds.map((id, i) => [id, i]));
  const snapshot = (): RunDocument => {
    const trials = [...done.values()].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return withRanking({ ...doc, trials, complete: trials.length === plannedIds.length }) as RunDocument;
  };

  let trialLog: TrialLog | undefined;
  if (opts.out) {
    const logFile = logFileOf(opts.out);
    trialLog =
      prev && fs.existsSync(logFile)
        ? TrialLog.reopen(logFile)
        : TrialLog.create(logFile, {
            kind: 'header',
            format: 1,
            createdAt: doc.createdAt,
            suite: doc.suite,
            plannedTrials: plannedIds,
            shard,
            code,
            backend: backend.name,
          });
    // Records taken from the cache or only found in the old document belong in the log too.
    const logged = new Set(prev?.header ? [...readTrialLog(logFile).records.map((r) => r.id)] : []);
    for (const t of planned) if (done.has(t.id) && !logged.has(t.id)) trialLog.append(done.get(t.id)!);
    writeResults(opts.out, snapshot());
  }

  if (prev) log(`resuming ${prev.file}: ${carriedOver} of ${plannedIds.length} trials already done`);
  const fromCache = cached.length - (carriedOver - resumed.length);
  if (opts.cacheDir) log(`cache ${opts.cacheDir}: ${fromCache} trial${fromCache === 1 ? '' : 's'} taken from the cache`);
  opts.onPlan?.({ total: plannedIds.length, resumed: resumed.length, cached: cached.length, toRun: todo.length, workers: todo.length > 0 ? Math.min(workers, todo.length) : 0 });

  const signal = opts.signal;
  const finish = (record: TrialRecord, worker: number) => {
    if (signal?.aborted) return;
    trialLog?.append(record);
    const t = planned[order.get(record.id)!]!;
    if (cache) cache.put(cacheKey(t), record);
    done.set(record.id, record);
    if (opts.out) writeResults(opts.out, snapshot());
    opts.onTrial?.(record, done.size, plannedIds.length, worker);
  };

  try {
    if (todo.length > 0 && !signal?.aborted) {
      if (!pool) await runInProcess(todo, suite, datasets, opts, finish);
      else await runOnPool(pool, todo, suite, datasets, backend, limits, workers, opts, finish);
    }
  } finally {
    trialLog?.close();
  }
  const final = snapshot();
  if (opts.out) writeResults(opts.out, final);
  return final;
}

function checkResumable(prev: PreviousRun, plannedIds: string[], code: CodeVersion, backend: BackendInfo): void {
  if (canonicalJson(prev.plannedTrials) !== canonicalJson(plannedIds)) {
    const mine = new Set(plannedIds);
    const theirs = new Set(prev.plannedTrials);
    const extra = prev.plannedTrials.filter((id) => !mine.has(id)).length;
    const missing = plannedIds.filter((id) => !theirs.has(id)).length;
    throw new InputError(
      `--resume ${prev.file}: not the same suite: its trials differ from this suite's (${extra} not in this suite, ${missing} new); ` +
        'resume with the suite it was started with',
    );
  }
  const stray = [...prev.records.keys()].filter((id) => !plannedIds.includes(id));
  if (stray.length) throw new InputError(`--resume ${prev.file}: holds trials not planned for it (${stray.slice(0, 3).join(', ')})`);
  if (prev.code.hash !== code.hash) {
    throw new InputError(
      `--resume ${prev.file}: it was run by other bench code (version ${prev.code.version}, code hash ${prev.code.hash}; ` +
        `this is ${code.version}, ${code.hash}); results of two code versions do not mix: start a new run`,
    );
  }
  if (prev.backend !== backend.name) {
    throw new InputError(`--resume ${prev.file}: it ran on the ${prev.backend} backend, this run on ${backend.name}; pass --backend ${prev.backend}`);
  }
}

async function runInProcess(
  todo: Trial[],
  suite: Suite,
  datasets: Map<string, Dataset>,
  opts: RunOptions,
  finish: (r: TrialRecord, worker: number) => void,
): Promise<void> {
  const signal = opts.signal;
  // Trials of one model, dataset and preprocessing share the dataset's tensors; build them once per triple.
  let loaded: { key: string; tensors: DatasetTensors } | undefined;
  const hooks: TrainHooks = {
    onEpoch(trial, e) {
      opts.hooks?.onEpoch?.(trial, e);
      opts.onEpoch?.(trial, e, 1);
      if (signal?.aborted) throw new Aborted(); // runTrial records it as failed; the record is dropped
    },
  };
  try {
    for (const trial of todo) {
      await new Promise((resolve) => setImmediate(resolve)); // let timers and signal handlers run between trials
      if (signal?.aborted) break;
      const pre = trial.config.preprocessing;
      const key = `${trial.config.dataset}/${trial.config.model}/${preprocessingKey(pre)}`;
      const dataset = withTrainSubset(datasets.get(trial.config.dataset)!, pre);
      if (loaded?.key !== key) {
        loaded?.tensors.dispose();
        const model = getModel(trial.config.model);
        loaded = { key, tensors: toTensors(dataset, model.inputShape, model.name, pre) };
      }
      opts.onTrialStart?.(trial, 1);
      const record = await runTrial(trial, { dataset, tensors: loaded.tensors }, suite.registry, hooks);
      finish(record, 1);
    }
  } finally {
    loaded?.tensors.dispose();
  }
}

/** TensorFlow threads of each worker process: --threads, else the cores shared among the workers. */
function workerThreads(threads: number | undefined, workers: number): number {
  return threads ?? Math.max(1, Math.floor(defaultWorkers() / workers));
}

async function runOnPool(
  pool: ProcessPool<TrialRecord, WorkerEvent>,
  todo: Trial[],
  suite: Suite,
  datasets: Map<string, Dataset>,
  backend: BackendInfo,
  limits: DataLimits,
  workers: number,
  opts: RunOptions,
  finish: (r: TrialRecord, worker: number) => void,
): Promise<void> {
  const signal = opts.signal;
  const threads = workerThreads(opts.threads, workers);
  const aborted = new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const all = Promise.all(
    todo.map((trial) => {
      const task: WorkerTask = {
        trial,
        suite: { file: suite.file, spec: suite.spec },
        backend: backend.name as BackendChoice,
        threads,
        dataDir: opts.dataDir,
        dataLimits: limits,
      };
      let slot = 0;
      let startedAt = '';
      let t0 = 0;
      return pool
        .run(task, {
          onStart: (s) => {
            slot = s;
            startedAt = new Date().toISOString();
            t0 = performance.now();
            opts.onTrialStart?.(trial, s);
          },
          onEvent: (ev, s) => {
            if (ev.kind === 'epoch') opts.onEpoch?.(trial, ev.epoch, s);
          },
        })
        .then(
          (record) => finish(record, slot),
          (e: unknown) => {
            if (signal?.aborted) return;
            const dataset = datasets.get(trial.config.dataset)!;
            finish(failedRecord(trial, dataset, messageOf(e), startedAt || new Date().toISOString(), t0 ? (performance.now() - t0) / 1000 : 0), slot);
          },
        );
    }),
  );
  await Promise.race([all, aborted]);
  if (signal?.aborted) await pool.terminate(); // now, before the partial document is written
}

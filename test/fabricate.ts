/**
 * Fabricated results documents for tests of `bench compare`: valid against the results schema (tests
 * check that with resultsProblems), with per-seed final metrics chosen by the test.
 */
import type { Calibration } from '../core/env/calibration';
import { ACTIVATION_SHAPE, LENET5_WEIGHT_SHAPES, type MicroBenchmark, type MicroDocument, MICRO_KIND, MICRO_SCHEMA_VERSION } from '../core/results/micro-document';
import { rankConfigurations } from '../core/analysis/ranking';
import type { TrialOutcome, TrialRecord } from '../core/train/record';
import { type ResultsDocument, SCHEMA_VERSION } from '../core/results/document';
import type { SuiteFile } from '../core/suite/types';

/** One configuration: its final metrics for each seed, in the order of `seeds`. */
export interface FabricatedConfig {
  optimizer: string;
  accuracy: number[];
  trainSeconds: number[];
  /** Status per seed; 'ok' by default. */
  status?: Array<'ok' | 'diverged' | 'failed'>;
}

export interface FabricateOptions {
  suite?: string;
  seeds?: number[];
  configs?: FabricatedConfig[];
  backend?: string;
  cpu?: string;
  /** Median ms of the calibration probe; null for a file without calibration. */
  probeMs?: number | null;
  epochs?: number;
}

/** Training samples per epoch in fabricated trials (samplesPerSecond = TRAIN * epochs / trainSeconds). */
export const TRAIN = 5678;

/** Two optimizers over three seeds, a few tenths of a point and a few percent of noise between seeds. */
export const DEFAULT_CONFIGS: FabricatedConfig[] = [
  { optimizer: 'sgd', accuracy: [0.9612, 0.9587, 0.9633], trainSeconds: [8.1, 8.4, 7.9] },
  { optimizer: 'adam', accuracy: [0.9781, 0.9764, 0.9802], trainSeconds: [9.2, 9.0, 9.5] },
];

export function calibrationOf(probeMs: number, backend = 'wasm'): Calibration {
  return { probe: 'matmul128+conv5x5-grad/v1', backend, opsPerSecond: 1000 / probeMs, meanMs: probeMs, medianMs: probeMs, sdMs: probeMs * 0.02, rme: 1.5, samples: 80 };
}

/** A complete, valid results document. */
export function fabricateResults(opts: FabricateOptions = {}): ResultsDocument {
  const seeds = opts.seeds ?? [1, 2, 3];
  const configs = opts.configs ?? DEFAULT_CONFIGS;
  const epochs = opts.epochs ?? 1;
  const backend = opts.backend ?? 'wasm';
  const spec: SuiteFile = {
    name: opts.suite ?? 'gate',
    models: ['lenet5'],
    datasets: ['mnist'],
    optimizers: configs.map((c) => c.optimizer),
    regularizers: [[]],
    initializers: ['glorot-uniform'],
    activations: ['relu'],
    seeds,
    epochs,
    batchSize: 64,
    validationFraction: 0.1,
    evalBatchSize: 1000,
    preprocessing: { normalize: 'scale' },
  };
  const trials: TrialRecord[] = [];
  for (const c of configs) {
    seeds.forEach((seed, i) => {
      const acc = c.accuracy[i] ?? c.accuracy[0]!;
      const secs = c.trainSeconds[i] ?? c.trainSeconds[0]!;
      const status = c.status?.[i] ?? 'ok';
      const configId = `cfg-${c.optimizer}`;
      const choice = (name: string) => ({ name, params: {}, label: name });
      const outcome: TrialOutcome =
        status === 'ok'
          ? { status, final: { testAccuracy: acc, testLoss: 1 - acc, trainSeconds: secs, samplesPerSecond: (TRAIN * epochs) / secs, confusion: [] } }
          : status === 'diverged'
            ? { status, divergence: { epoch: 1, step: 3, loss: null } }
            : { status, error: 'boom' };
      const t: TrialRecord = {
        id: `${configId}-s${seed}`,
        configId,
        label: c.optimizer,
        seed,
        model: { name: 'lenet5', params: 61706 },
        dataset: { name: 'mnist', id: 'mnist-subset', checksum: 'c'.repeat(64), train: TRAIN, validation: 631, test: 10000 },
        optimizer: choice(c.optimizer),
        regularizers: [],
        initializer: choice('glorot-uniform'),
        activation: choice('relu'),
        epochs,
        batchSize: 64,
        history: [{ epoch: 1, trainLoss: 0.3, trainAccuracy: acc, valLoss: 0.2, valAccuracy: acc, trainSeconds: secs, evalSeconds: 0.1, lr: 0.01 }],
        startedAt: '2026-01-01T00:00:00.000Z',
        wallSeconds: secs + 1,
        ...outcome,
      };
      trials.push(t);
    });
  }
  const doc: ResultsDocument = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'bench', version: '0.1.0' },
    createdAt: '2026-01-01T00:00:00.000Z',
    complete: true,
    environment: {
      node: 'v20.0.0',
      tfjs: '4.22.0',
      backend: { name: backend, requested: backend as 'wasm', package: `@tensorflow/tfjs-backend-${backend}`, tfjsVersion: '4.22.0', threads: 1, notes: [] },
      cpu: opts.cpu ?? 'Test CPU @ 3.0GHz',
      cores: 2,
      memoryGB: 24,
      os: 'linux 6.1 x64',
      gitCommit: null,
      hostname: 'ci',
    },
    suite: { name: spec.name, file: `suites/${spec.name}.json`, spec },
    datasets: [],
    trials,
    ranking: rankConfigurations(trials),
  };
  if (opts.probeMs !== null) doc.environment.calibration = calibrationOf(opts.probeMs ?? 3);
  return doc;
}

/** The configurations with every value mapped: `acc` maps accuracies, `secs` maps train seconds. */
export function mapConfigs(
  configs: FabricatedConfig[],
  f: { acc?: (v: number, i: number) => number; secs?: (v: number, i: number) => number },
): FabricatedConfig[] {
  return configs.map((c) => ({
    ...c,
    accuracy: c.accuracy.map((v, i) => (f.acc ? f.acc(v, i) : v)),
    trainSeconds: c.trainSeconds.map((v, i) => (f.secs ? f.secs(v, i) : v)),
  }));
}

/** A valid micro results document whose benchmarks have the given step times (ms); null = errored. */
export function fabricateMicro(steps: Record<string, number[] | null>, opts: { probeMs?: number | null; cpu?: string } = {}): MicroDocument {
  const environment = fabricateResults({ probeMs: opts.probeMs, cpu: opts.cpu }).environment;
  const benchmarks = Object.entries(steps).map(([name, samples]): MicroBenchmark => {
    const [group, plugin] = name.split('/') as ['optimizer', string];
    if (!samples) return { name, group, plugin, params: {}, state: 'errored', error: 'boom' };
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples.length - 1));
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      name, group, plugin, params: {}, state: 'completed',
      opsPerSecond: 1000 / mean, meanMs: mean, sdMs: sd, p50Ms: sorted[Math.floor(sorted.length / 2)]!, p99Ms: sorted[sorted.length - 1]!,
      rme: 1, samples: samples.length, samplesMs: samples,
    };
  });
  return {
    kind: MICRO_KIND,
    schemaVersion: MICRO_SCHEMA_VERSION,
    tool: { name: 'bench', version: '0.1.0' },
    createdAt: '2026-01-01T00:00:00.000Z',
    environment,
    workload: { optimizerWeights: LENET5_WEIGHT_SHAPES, activationShape: ACTIVATION_SHAPE },
    options: { time: 500, warmupTime: 100, iterations: 10 },
    benchmarks,
  };
}

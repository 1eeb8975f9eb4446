/**
 * `bench perf`: training throughput of a baseline model on synthetic data, with the real training step
 * (core/train/trial.ts' runTrial: batch gather, forward, loss, gradients, the optimizer plugin's update, the
 * once-per-epoch read-back), so the figure is what `bench run` gets.
 *
 * One trial of three epochs of `steps` steps each:
 *   epoch 1  warm-up (TensorFlow's per-op caches, XNNPACK operator set-up, V8's JIT);
 *   epoch 2  timed as it runs in `bench run`: samples per second;
 *   epoch 3  profiled: every kernel call is counted and timed (ops per step, time inside kernels, hence
 *            the framework overhead: the fraction of step time spent outside them, and per op).
 * Tensor counts are taken after each epoch: equal counts mean the step leaks nothing.
 */
import { type BackendChoice, type BackendInfo, useBackend } from '../backends';
import type { Dataset } from '../data';
import { captureEnvironment, type Environment } from '../env/environment';
import { toTensors } from '../data/tensors';
import { InputError } from '../util/errors';
import { getModel, type ModelSpec } from '../models';
import { Registry } from '../plugin/registry';
import { createRng } from '../util/rng';
import { resolveSuite } from '../suite/load';
import * as tf from '../tf';
import { runTrial } from '../train/trial';

export interface PerfOptions {
  model: string;
  batch: number;
  /** Steps per epoch (three epochs run: warm-up, timed, profiled). */
  steps: number;
  /** Optimizer plugin and its parameters (default Adam, lr 1e-3, as the peers). */
  optimizer?: { name: string; params?: Record<string, unknown> };
  /** Activation plugin (default relu). */
  activation?: string;
  seed?: number;
  /** Registry to take plugins from (default: the built-in plugins). */
  registry?: Registry;
}

/** What `bench perf --json` prints per model. */
export interface PerfResult {
  model: string;
  backend: string;
  batch: number;
  steps: number;
  samplesPerSecond: number;
  /** Mean wall time of one step in the timed epoch, ms. */
  stepMs: number;
  /** Fraction of step time outside tf kernels (JS engine, autodiff, bookkeeping, the loop). */
  overheadFraction: number;
  /** Kernel calls per step (tfjs level; what the engine dispatches). */
  opsPerStep: number;
  /** Operations TensorFlow executes per step (tensorflow backend: calls into its eager C API). */
  tfOpsPerStep: number | null;
  /** Overhead per op, microseconds: (step time - kernel time) / ops. */
  overheadPerOpUs: number;
  /** Time inside kernels per step, ms. */
  kernelMsPerStep: number;
  /** Peak resident set size of the process, MB. */
  peakRssMB: number;
  /** tf.memory().numTensors after each epoch: flat means no leak. */
  tensorsPerEpoch: number[];
  /** Kernels by time inside them in the profiled epoch, per step: the top ten. */
  topKernels: Array<{ kernel: string; callsPerStep: number; msPerStep: number }>;
}

/** Random images and labels of the model's input shape, from `seed`. */
export function syntheticDataset(spec: ModelSpec, trainCount: number, testCount: number, seed: number): Dataset {
  const rng = createRng(seed, 'perf-data');
  const [h, w, c] = spec.inputShape;
  const split = (count: number) => {
    const images = new Uint8Array(count * h * w * c);
    for (let i = 0; i < images.length; i++) images[i] = Math.floor(rng.next() * 256);
    const labels = Uint8Array.from({ length: count }, () => Math.floor(rng.next() * 10));
    return { images, labels, count };
  };
  return {
    id: `synthetic-${spec.inputShape.join('x')}`,
    name: 'synthetic',
    source: 'generated',
    checksum: '',
    files: [],
    imageShape: [h, w, c],
    numClasses: 10,
    train: split(trainCount),
    test: split(testCount),
  };
}

interface Probe {
  calls: Map<string, { n: number; ms: number }>;
  /** Calls into TensorFlow's eager C API (tensorflow backend) and the time inside them. */
  tfCalls: number;
  tfMs: number;
  /** Time inside outermost kernel functions. */
  kernelMs: number;
  remove(): void;
}

interface NodeBinding {
  executeOp: (...a: unknown[]) => unknown;
}

/**
 * Wraps every kernel of the active backend (and, on tensorflow, the binding's executeOp) with a counter
 * and a timer. Kernels that call other kernels (the wasm gradient kernels) are timed once, outermost.
 */
export function installProbe(): Probe {
  const backendName = tf.getBackend();
  const probe: Probe = { calls: new Map(), tfCalls: 0, tfMs: 0, kernelMs: 0, remove: () => undefined };
  let depth = 0;
  const originals = tf.getKernelsForBackend(backendName);
  for (const k of originals) {
    const inner = k.kernelFunc;
    const entry = { n: 0, ms: 0 };
    probe.calls.set(k.kernelName, entry);
    tf.unregisterKernel(k.kernelName, backendName);
    tf.registerKernel({
      ...k,
      kernelFunc: (args) => {
        if (depth > 0) return inner(args);
        depth++;
        const t0 = performance.now();
        try {
          return inner(args);
        } finally {
          const dt = performance.now() - t0;
          depth--;
          entry.n++;
          entry.ms += dt;
          probe.kernelMs += dt;
        }
      },
    });
  }
  // The binding's functions are read-only native properties: put a counting copy in its place.
  const backend = tf.backend() as unknown as { binding?: NodeBinding };
  const binding = backend.binding;
  if (binding && typeof binding.executeOp === 'function') {
    const execute = binding.executeOp;
    const counting: Record<string, unknown> = {};
    for (const key of Object.getOwnPropertyNames(binding)) counting[key] = (binding as unknown as Record<string, unknown>)[key];
    counting.executeOp = (...a: unknown[]) => {
      const t0 = performance.now();
      try {
        return execute.apply(binding, a);
      } finally {
        probe.tfMs += performance.now() - t0;
        probe.tfCalls++;
      }
    };
    backend.binding = counting as unknown as NodeBinding;
  }
  probe.remove = () => {
    for (const k of originals) {
      tf.unregisterKernel(k.kernelName, backendName);
      tf.registerKernel(k);
    }
    if (binding) backend.binding = binding;
  };
  return probe;
}

/** Trains `opts.model` for three epochs of `opts.steps` steps on synthetic data; see the module comment. */
export async function measurePerf(opts: PerfOptions): Promise<PerfResult> {
  const spec = getModel(opts.model);
  if (!Number.isInteger(opts.batch) || opts.batch < 1) throw new InputError(`--batch must be a positive integer, got ${opts.batch}`);
  if (!Number.isInteger(opts.steps) || opts.steps < 2) throw new InputError(`--steps must be an integer >= 2, got ${opts.steps}`);
  const seed = opts.seed ?? 1;
  const registry = opts.registry ?? Registry.builtIn();
  const suite = resolveSuite(
    {
      name: 'perf',
      models: [opts.model],
      datasets: ['mnist'],
      optimizers: [opts.optimizer ?? { name: 'adam', params: { lr: 0.001 } }],
      activations: [opts.activation ?? 'relu'],
      seeds: [seed],
      epochs: 3,
      batchSize: opts.batch,
      validationFraction: 0,
    },
    '<bench perf>',
    registry,
  );
  const trial = suite.trials[0]!;
  const ds = syntheticDataset(spec, opts.batch * opts.steps, opts.batch, seed);
  const tensors = toTensors(ds, spec.inputShape, spec.name);
  const tensorsPerEpoch: number[] = [];
  let probe: Probe | undefined;
  let timedSeconds = 0;
  let profiledSeconds = 0;
  let failure: string | undefined;
  try {
    const record = await runTrial(trial, { dataset: ds, tensors }, registry, {
      onEpoch: (_t, e) => {
        tensorsPerEpoch.push(tf.memory().numTensors);
        if (e.epoch === 2) {
          timedSeconds = e.trainSeconds;
          probe = installProbe();
        } else if (e.epoch === 3) {
          profiledSeconds = e.trainSeconds;
          probe?.remove();
        }
      },
    });
    if (record.status !== 'ok') failure = record.status === 'failed' ? record.error : record.status;
  } finally {
    probe?.remove();
    tensors.dispose();
  }
  if (failure || !probe) throw new Error(`bench perf: training ${opts.model} failed: ${failure ?? 'no profiled epoch'}`);
  const p = probe;
  const steps = opts.steps;
  const profiledMs = (profiledSeconds * 1000) / steps;
  const ops = [...p.calls.values()].reduce((n, c) => n + c.n, 0) / steps;
  const onTf = p.tfCalls > 0;
  const insideMs = (onTf ? p.tfMs : p.kernelMs) / steps;
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    model: opts.model,
    backend: tf.getBackend(),
    batch: opts.batch,
    steps,
    samplesPerSecond: round((opts.batch * steps) / timedSeconds, 1),
    stepMs: round((timedSeconds * 1000) / steps, 3),
    overheadFraction: round(Math.max(0, 1 - insideMs / profiledMs), 4),
    opsPerStep: round(ops, 1),
    tfOpsPerStep: onTf ? round(p.tfCalls / steps, 1) : null,
    overheadPerOpUs: round(((profiledMs - insideMs) * 1000) / (onTf ? p.tfCalls / steps : ops), 2),
    kernelMsPerStep: round(insideMs, 3),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
    tensorsPerEpoch,
    topKernels: [...p.calls.entries()]
      .filter(([, c]) => c.n > 0)
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 60)
      .map(([kernel, c]) => ({ kernel, callsPerStep: round(c.n / steps, 2), msPerStep: round(c.ms / steps, 3) })),
  };
}

/** What `bench perf` measures: models, each on the same backend and settings. */
export interface PerfRunOptions extends Omit<PerfOptions, 'model'> {
  models: readonly string[];
  backend: BackendChoice;
  /** TensorFlow intra- and inter-op threads (native backend). */
  threads?: number;
  verbose?: boolean;
}

/** Where `runPerf` reports as it goes: the backend once it is loaded, then each model once measured. */
export interface PerfHooks {
  onBackend?(backend: BackendInfo, environment: Environment): void;
  onModel?(result: PerfResult, backend: BackendInfo): void;
}

/** Loads the backend, then measures each model in turn (measurePerf); returns the backend and the results. */
export async function runPerf(opts: PerfRunOptions, hooks: PerfHooks = {}): Promise<{ backend: BackendInfo; results: PerfResult[] }> {
  const { models, backend: requested, threads, verbose, ...each } = opts;
  const backend = await useBackend(requested, { threads, verbose });
  hooks.onBackend?.(backend, captureEnvironment(backend));
  const results: PerfResult[] = [];
  for (const model of models) {
    const r = await measurePerf({ ...each, model });
    results.push(r);
    hooks.onModel?.(r, backend);
  }
  return { backend, results };
}

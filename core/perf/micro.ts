/**
 * `bench micro`: tinybench micro-benchmarks of what each plugin costs per training step, on fixed
 * workloads, so that a change to a plugin's cost shows up apart from the noise of whole training runs.
 *
 * - optimizer: one update of every LeNet-5 weight per timed step (shapes LENET5_WEIGHT_SHAPES,
 *   61,706 parameters) through core/train/updater.ts, as training does: one fused update of all weights for
 *   elementwise optimizers, one per weight otherwise (the first step also creates the slots).
 * - activation: forward and backward of sum(f(x) * dy) on x, dy of ACTIVATION_SHAPE ([64, 28, 28, 6]).
 * - regularizer, layer kind: the layer placed at a conv site of that shape, in training mode (masks
 *   drawn from a seeded generator), forward and backward (gradients for x and its trainable weights).
 * - regularizer, penalty kind: the penalty over the LeNet-5 weights and its gradient.
 *
 * Inputs are fixed (seeded), so two runs time the same work. On the Node backends (tensorflow, wasm,
 * cpu) an op has finished when it returns, so a step's time is its compute. Each benchmark leaves no
 * tensor behind, also when the plugin throws (the benchmark is then recorded as errored).
 */
import { Bench } from 'tinybench';
import type { BackendInfo } from '../backends';
import { calibrate, type CalibrateOptions } from '../env/calibration';
import type { ActivationPlugin, LayerRegularizerPlugin, OptimizerPlugin, PenaltyRegularizerPlugin, Plugin, PluginKind } from '../plugin/contracts';
import { captureEnvironment } from '../env/environment';
import { InputError, messageOf } from '../util/errors';
import {
  ACTIVATION_SHAPE,
  LENET5_WEIGHT_SHAPES,
  type MicroBenchmark,
  type MicroDocument,
  type MicroGroup,
  type MicroWorkload,
  MICRO_KIND,
  MICRO_SCHEMA_VERSION,
} from '../results/micro-document';
import { resolveParams } from '../plugin/params';
import { Registry } from '../plugin/registry';
import { toolVersion } from '../env/code-version';
import { createRng } from '../util/rng';
import * as tf from '../tf';
import { createUpdater, type Updater } from '../train/updater';

export { ACTIVATION_SHAPE, LENET5_WEIGHT_SHAPES } from '../results/micro-document';

/** LeNet-5's weights for optimizers and penalties, a conv activation batch for activations and layers. */
export const DEFAULT_WORKLOAD: MicroWorkload = { optimizerWeights: LENET5_WEIGHT_SHAPES, activationShape: ACTIVATION_SHAPE };

/** Which plugins to benchmark: by kind, by name. No selection at all means every discovered plugin. */
export interface MicroSelection {
  optimizer?: string[];
  activation?: string[];
  regularizer?: string[];
}

export interface MicroOptions {
  /** The backend in use (core/backends useBackend), recorded in the environment. */
  backend: BackendInfo;
  registry?: Registry;
  select?: MicroSelection;
  /** Minimum measuring time per benchmark, ms (default 500). */
  time?: number;
  /** Minimum timed steps per benchmark (default 10, at least 2). */
  iterations?: number;
  /** Warm-up time per benchmark, ms (default 100). */
  warmupTime?: number;
  /** Minimum warm-up steps (default 3). */
  warmupIterations?: number;
  /** Options of the machine-speed calibration recorded with the results. */
  calibration?: CalibrateOptions;
  /** Other shapes than LeNet-5's (tests use tiny ones); recorded in the document, so only equal workloads compare. */
  workload?: Partial<MicroWorkload>;
  /** Called after each benchmark, for progress. */
  onResult?: (b: MicroBenchmark, done: number, total: number) => void;
}

/** A benchmark's body: setup before its timed steps, one step, teardown (idempotent). */
export interface Workload {
  setup(): void;
  step(): void;
  teardown(): void;
}

const GROUP_KIND: Record<MicroGroup, PluginKind> = { optimizer: 'optimizer', activation: 'activation', regularizer: 'regularizer' };

/** The plugins chosen by `select`, in group then name order; InputError for unknown names. */
export function selectPlugins(registry: Registry, select: MicroSelection = {}): Array<{ group: MicroGroup; plugin: Plugin }> {
  const groups: MicroGroup[] = ['optimizer', 'activation', 'regularizer'];
  const any = groups.some((g) => select[g] !== undefined);
  const out: Array<{ group: MicroGroup; plugin: Plugin }> = [];
  for (const g of groups) {
    const names = select[g];
    if (any && names === undefined) continue;
    const all = registry.list(GROUP_KIND[g]);
    if (!names || names.length === 0) {
      out.push(...all.map((plugin) => ({ group: g, plugin })));
      continue;
    }
    for (const name of names) {
      const plugin = registry.get(GROUP_KIND[g], name);
      if (!plugin) throw new InputError(`--${g} ${name}: no such ${g}${registry.suggest(GROUP_KIND[g], name)}`);
      out.push({ group: g, plugin });
    }
  }
  return out;
}

function fixedWeights(shapes: number[][], seed: number): tf.Variable[] {
  // tf.variable copies its initial value; tidy disposes the copy (variables are never tidied).
  return shapes.map((s, i) => tf.tidy(() => tf.variable(tf.randomUniform(s, -0.1, 0.1, 'float32', seed + i), true, `micro/w${i}`)));
}

function optimizerWorkload(plugin: OptimizerPlugin, params: Record<string, unknown>, shapes: number[][]): Workload {
  let weights: tf.Variable[] = [];
  let grads: tf.NamedTensorMap = {};
  let updater: Updater | undefined;
  let t = 0;
  const lr = typeof params.lr === 'number' ? params.lr : 1e-3;
  return {
    setup() {
      weights = fixedWeights(shapes, 1);
      grads = Object.fromEntries(weights.map((w, i) => [w.name, tf.tidy(() => tf.randomNormal(shapes[i]!, 0, 0.01, 'float32', 101 + i))]));
      updater = createUpdater(plugin, params, weights);
      t = 0;
    },
    step() {
      t++;
      tf.tidy(() => updater!.step(grads, t, lr));
    },
    teardown() {
      updater?.dispose();
      tf.dispose([...weights, ...Object.values(grads)]);
      weights = [];
      grads = {};
      updater = undefined;
    },
  };
}

function activationWorkload(plugin: ActivationPlugin, params: Record<string, unknown>, shape: number[]): Workload {
  let x: tf.Tensor | undefined;
  let dy: tf.Tensor | undefined;
  const backward = tf.grad((v: tf.Tensor) => plugin.apply(v, params).mul(dy!).sum());
  return {
    setup() {
      x = tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', 7));
      dy = tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', 8));
    },
    step() {
      tf.tidy(() => {
        backward(x!);
      });
    },
    teardown() {
      tf.dispose([x, dy].filter((v): v is tf.Tensor => v !== undefined));
      x = dy = undefined;
    },
  };
}

function layerWorkload(plugin: LayerRegularizerPlugin, params: Record<string, unknown>, shape: number[]): Workload {
  let x: tf.Variable | undefined;
  let dy: tf.Tensor | undefined;
  let layer: ReturnType<LayerRegularizerPlugin['createLayer']> | undefined;
  const rng = createRng(1, 'micro-masks');
  const ctx = { training: true, nextSeed: () => rng.nextSeed() };
  return {
    setup() {
      x = tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, 1, 'float32', 7), true, 'micro/x'));
      dy = tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', 8));
      layer = plugin.createLayer({ placement: shape.length === 4 ? 'conv' : 'dense', shape: shape.slice(1), name: 'micro/reg' }, params);
    },
    step() {
      const l = layer!;
      tf.tidy(() => {
        tf.variableGrads(() => l.apply(x!, ctx).mul(dy!).sum() as tf.Scalar, [x!, ...l.trainable]);
      });
    },
    teardown() {
      tf.dispose([x, dy, ...(layer ? [...layer.trainable, ...layer.state] : [])].filter((v): v is tf.Tensor => v !== undefined));
      x = dy = layer = undefined;
    },
  };
}

function penaltyWorkload(plugin: PenaltyRegularizerPlugin, params: Record<string, unknown>, shapes: number[][]): Workload {
  let weights: tf.Variable[] = [];
  return {
    setup() {
      weights = fixedWeights(shapes, 1);
    },
    step() {
      const kernels = weights.filter((w) => w.rank > 1);
      const biases = weights.filter((w) => w.rank === 1);
      tf.tidy(() => {
        tf.variableGrads(() => plugin.penalty({ kernels, biases }, params), weights);
      });
    },
    teardown() {
      tf.dispose(weights);
      weights = [];
    },
  };
}

/** The setup/step/teardown of one plugin's benchmark (exported for tests). */
export function workloadOf(plugin: Plugin, params: Record<string, unknown>, shapes: MicroWorkload = DEFAULT_WORKLOAD): Workload {
  switch (plugin.kind) {
    case 'optimizer':
      return optimizerWorkload(plugin, params, shapes.optimizerWeights);
    case 'activation':
      return activationWorkload(plugin, params, shapes.activationShape);
    case 'regularizer':
      return plugin.role === 'layer' ? layerWorkload(plugin, params, shapes.activationShape) : penaltyWorkload(plugin, params, shapes.optimizerWeights);
    default:
      throw new Error(`bench micro does not measure ${plugin.kind} plugins`);
  }
}

const sig = (v: number) => Number(v.toPrecision(6));

/** Runs one benchmark with tinybench; an error from the plugin becomes an errored result. */
async function runOne(
  group: MicroGroup,
  plugin: Plugin,
  shapes: MicroWorkload,
  o: Required<Pick<MicroOptions, 'time' | 'iterations' | 'warmupTime' | 'warmupIterations'>>,
): Promise<MicroBenchmark> {
  const name = `${group}/${plugin.name}`;
  const { params, issues } = resolveParams(plugin.params, {}, `${name}.params`);
  const common = { name, group, plugin: plugin.name, params };
  if (issues.length > 0) return { ...common, state: 'errored', error: `its parameters have no complete defaults: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}` };
  let work: Workload;
  try {
    work = workloadOf(plugin, params, shapes);
  } catch (e) {
    return { ...common, state: 'errored', error: messageOf(e) };
  }
  const bench = new Bench({ time: o.time, iterations: o.iterations, warmupTime: o.warmupTime, warmupIterations: o.warmupIterations });
  bench.add(name, () => work.step(), {
    beforeAll: () => work.setup(),
    afterAll: () => work.teardown(),
  });
  try {
    await bench.run();
  } finally {
    work.teardown(); // tinybench skips afterAll when a step throws
  }
  const r = bench.tasks[0]?.result;
  if (!r || r.error) return { ...common, state: 'errored', error: r?.error ? messageOf(r.error) : 'no result' };
  const l = r.latency;
  return {
    ...common,
    state: 'completed',
    opsPerSecond: sig(1000 / l.mean),
    meanMs: sig(l.mean),
    sdMs: sig(l.sd),
    p50Ms: sig(l.p50 ?? l.mean),
    p99Ms: sig(l.p99 ?? l.max),
    rme: sig(Number.isFinite(l.rme) ? l.rme : 0),
    samples: l.samples.length,
    samplesMs: l.samples.map(sig),
  };
}

/**
 * Runs the micro-benchmarks of the selected plugins on the current backend (call useBackend first),
 * after a machine-speed calibration, and returns the micro results document.
 */
export async function runMicro(opts: MicroOptions): Promise<MicroDocument> {
  const registry = opts.registry ?? Registry.builtIn();
  const shapes: MicroWorkload = { ...DEFAULT_WORKLOAD, ...opts.workload };
  const chosen = selectPlugins(registry, opts.select);
  const o = {
    time: opts.time ?? 500,
    iterations: Math.max(2, opts.iterations ?? 10),
    warmupTime: opts.warmupTime ?? 100,
    warmupIterations: opts.warmupIterations ?? 3,
  };
  const createdAt = new Date().toISOString();
  const environment = captureEnvironment(opts.backend);
  environment.calibration = await calibrate(opts.calibration);
  const benchmarks: MicroBenchmark[] = [];
  for (const { group, plugin } of chosen) {
    const b = await runOne(group, plugin, shapes, o);
    benchmarks.push(b);
    opts.onResult?.(b, benchmarks.length, chosen.length);
  }
  return {
    kind: MICRO_KIND,
    schemaVersion: MICRO_SCHEMA_VERSION,
    tool: { name: 'bench', version: toolVersion() },
    createdAt,
    environment,
    workload: shapes,
    options: o,
    benchmarks,
  };
}

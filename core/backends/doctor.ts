/**
 * `bench backends`: every engine this checkout can train on, whether it loads here, its version, where
 * its libraries came from and its threads, plus what a GPU build would find.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { messageOf } from '../util/errors';
import * as tf from '../tf';
import { type GpuProbe, loadNative, nativeCandidates, prepareNativeEnv, probeGpu } from './engine';
import { registerWasmKernels } from './wasm-kernels';

/** One engine, as `bench backends --json` prints it. */
export interface BackendStatus {
  name: 'tensorflow' | 'wasm' | 'cpu';
  loads: boolean;
  /** The package (and build) that provides it. */
  package: string | null;
  /** The engine's own version: TensorFlow's for tensorflow, tfjs' for the others. */
  version: string | null;
  /** Where its libraries are. */
  libraries: string | null;
  /** Intra-op threads it will use (tensorflow: TF_NUM_INTRAOP_THREADS, else all cores). */
  threads: number | null;
  /** Why it does not load, or what else was found. */
  notes: string[];
}

export interface BackendsReport {
  /** What `--backend auto` takes here. */
  auto: string;
  backends: BackendStatus[];
  gpu: GpuProbe & { buildInstalled: boolean; packageLoaded: boolean };
}

async function initialises(name: string): Promise<string | undefined> {
  try {
    if (!(await tf.setBackend(name))) return `backend ${name} failed to initialise`;
    await tf.ready();
    return undefined;
  } catch (e) {
    return messageOf(e).split('\n')[0];
  }
}

/** Probes every backend. Loads the native binding when it can (which cannot be undone in a process). */
export async function describeBackends(opts: { threads?: number; verbose?: boolean } = {}): Promise<BackendsReport> {
  tf.env().set('PROD', true);
  prepareNativeEnv(opts);
  const candidates = nativeCandidates();
  const native = loadNative(opts);
  const tfStatus: BackendStatus = {
    name: 'tensorflow',
    loads: false,
    package: null,
    version: null,
    libraries: null,
    threads: null,
    notes: [...native.notes],
  };
  if (native.engine) {
    const why = await initialises('tensorflow');
    const e = native.engine;
    Object.assign(tfStatus, {
      loads: why === undefined,
      package: e.candidate.label,
      version: e.tensorflow,
      libraries: e.libraries,
      threads: Number(process.env.TF_NUM_INTRAOP_THREADS ?? 0) || os.cpus().length,
    });
    if (why) tfStatus.notes.push(why);
    if (e.candidate.build) tfStatus.notes.push(`built from ${path.basename(e.candidate.build.source)} in ${e.candidate.build.buildSeconds} s, cached in ${e.candidate.build.cache}`);
  }
  let wasmWhy: string | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@tensorflow/tfjs-backend-wasm');
    registerWasmKernels();
    wasmWhy = await initialises('wasm');
  } catch (e) {
    wasmWhy = messageOf(e).split('\n')[0];
  }
  const wasm: BackendStatus = {
    name: 'wasm',
    loads: wasmWhy === undefined,
    package: '@tensorflow/tfjs-backend-wasm',
    version: tf.version_core,
    libraries: path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    threads: 1,
    notes: wasmWhy ? [wasmWhy] : ['XNNPACK with SIMD; one thread in Node'],
  };
  const cpuWhy = await initialises('cpu');
  const cpu: BackendStatus = {
    name: 'cpu',
    loads: cpuWhy === undefined,
    package: '@tensorflow/tfjs-backend-cpu',
    version: tf.version_core,
    libraries: null,
    threads: 1,
    notes: ['pure JavaScript reference: exact, far too slow for training'],
  };
  const gpu = probeGpu();
  return {
    auto: tfStatus.loads ? 'tensorflow' : wasm.loads ? 'wasm' : 'cpu',
    backends: [tfStatus, wasm, cpu],
    gpu: {
      ...gpu,
      buildInstalled: candidates.some((c) => c.gpu && c.entry !== undefined),
      packageLoaded: Boolean(native.engine?.candidate.gpu),
    },
  };
}

/** The report as text, one block per backend. */
export function formatBackends(r: BackendsReport): string {
  const lines: string[] = [];
  for (const b of r.backends) {
    const head = `${b.name.padEnd(10)} ${b.loads ? 'loads' : 'does not load'}${b.version ? `  ${b.name === 'tensorflow' ? 'TensorFlow' : 'tfjs'} ${b.version}` : ''}${b.threads ? `  ${b.threads} thread${b.threads > 1 ? 's' : ''}` : ''}${r.auto === b.name ? '  (auto)' : ''}`;
    lines.push(head);
    if (b.package) lines.push(`           package: ${b.package}`);
    if (b.libraries) lines.push(`           libraries: ${b.libraries}`);
    for (const n of b.notes) lines.push(`           ${n}`);
  }
  lines.push(`gpu        ${r.gpu.summary}`);
  lines.push(`           GPU build: ${r.gpu.packageLoaded ? 'loaded' : r.gpu.buildInstalled ? 'installed, not loaded' : 'not installed (`bench setup native --gpu`)'}`);
  return lines.join('\n');
}

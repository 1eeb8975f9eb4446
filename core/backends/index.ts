/**
 * Backend selection: `auto` takes the native TensorFlow binding when it loads (the GPU package first),
 * else the wasm backend (XNNPACK), which needs nothing but npm. `cpu` is the pure-JS reference backend:
 * exact and portable, hundreds of times slower for training.
 */
import * as os from 'node:os';
import { InputError } from '../util/errors';
import * as tf from '../tf';
import { loadNative, type NativeEngine } from './engine';
import { registerNativeKernels } from './native';
import { registerWasmKernels } from './wasm-kernels';

import type { BackendChoice } from './choices';

export { BACKEND_CHOICES, type BackendChoice } from './choices';

/** What the results record about the engine a run used. */
export interface BackendInfo {
  /** tf.getBackend(): `tensorflow`, `wasm` or `cpu`. */
  name: string;
  requested: BackendChoice;
  /** The npm package that provided it (for tensorflow: which build of tfjs-node). */
  package: string;
  tfjsVersion: string;
  /** Intra-op threads: --threads, else TensorFlow's default (all cores); 1 for wasm and cpu in Node. */
  threads: number | null;
  /** Why faster engines were not taken. */
  notes: string[];
  /** TensorFlow's version as its C library reports it (tensorflow backend only). */
  tensorflow?: string;
  /** Inter-op threads (tensorflow backend only). */
  interOpThreads?: number | null;
  /** Where TensorFlow's libraries were loaded from (tensorflow backend only). */
  libraries?: string;
  /** Whether the loaded build is the GPU flavour (tfjs-node-gpu). */
  gpuBuild?: boolean;
}

export interface BackendOptions {
  /** TensorFlow intra- and inter-op threads; set before the binding loads. */
  threads?: number;
  /** Let TensorFlow's start-up lines through (default: $BENCH_VERBOSE). */
  verbose?: boolean;
}

let current: BackendInfo | undefined;

/** Selects and initialises the backend; call once per process before building any tensor. */
export async function useBackend(requested: BackendChoice = 'auto', opts: BackendOptions = {}): Promise<BackendInfo> {
  if (current && current.requested === requested) return current;
  tf.env().set('PROD', true); // no debug checks, no "install tfjs-node" banner
  const notes: string[] = [];
  let name: 'tensorflow' | 'wasm' | 'cpu';
  let pkg: string;
  let engine: NativeEngine | undefined;
  if (requested === 'auto' || requested === 'tensorflow') {
    const native = loadNative({ threads: opts.threads, verbose: opts.verbose ?? process.env.BENCH_VERBOSE === '1' });
    notes.push(...native.notes);
    if (native.engine) {
      engine = native.engine;
      name = 'tensorflow';
      pkg = engine.candidate.label;
    } else if (requested === 'tensorflow') {
      throw new InputError(`--backend tensorflow: the native TensorFlow binding is not available (${notes.join('; ')})`);
    } else {
      name = 'wasm';
      pkg = '@tensorflow/tfjs-backend-wasm';
    }
  } else {
    name = requested;
    pkg = requested === 'wasm' ? '@tensorflow/tfjs-backend-wasm' : '@tensorflow/tfjs-backend-cpu';
  }
  if (name === 'wasm') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@tensorflow/tfjs-backend-wasm');
    registerWasmKernels();
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new InputError(`backend "${name}" failed to initialise`);
  await tf.ready();
  if (name === 'tensorflow') registerNativeKernels();
  current = { name, requested, package: pkg, tfjsVersion: tf.version_core, threads: 1, notes };
  if (engine) {
    const env = (v: string | undefined) => Number(v ?? 0) || null;
    const cores = os.cpus().length;
    Object.assign(current, {
      threads: env(process.env.TF_NUM_INTRAOP_THREADS) ?? cores,
      interOpThreads: env(process.env.TF_NUM_INTEROP_THREADS) ?? cores,
      tensorflow: engine.tensorflow,
      libraries: engine.libraries,
      gpuBuild: engine.candidate.gpu,
    });
  }
  return current;
}

/** The backend chosen by the last useBackend call. */
export function currentBackend(): BackendInfo | undefined {
  return current;
}

/**
 * Backend selection: `auto` takes the native TensorFlow binding when it loads (the GPU package first),
 * else the wasm backend (XNNPACK), which needs nothing but npm. `cpu` is the pure-JS reference backend:
 * exact and portable, hundreds of times slower for training.
 */
import { InputError, messageOf } from '../errors';
import * as tf from '../tf';
import { registerWasmKernels } from './wasm-kernels';

import type { BackendChoice } from './choices';

export { BACKEND_CHOICES, type BackendChoice } from './choices';

/** What the results record about the engine a run used. */
export interface BackendInfo {
  /** tf.getBackend(): `tensorflow`, `wasm` or `cpu`. */
  name: string;
  requested: BackendChoice;
  /** The npm package that provided it. */
  package: string;
  tfjsVersion: string;
  /** Intra-op threads where the engine lets us choose (tensorflow), 1 for wasm in Node. */
  threads: number | null;
  /** Why faster engines were not taken. */
  notes: string[];
}

export interface BackendOptions {
  threads?: number;
  verbose?: boolean;
}

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

/** Tries the native packages in order; returns the one that loaded, or the reasons none did. */
function loadNative(opts: BackendOptions): { pkg?: string; notes: string[] } {
  if (!opts.verbose && process.env.TF_CPP_MIN_LOG_LEVEL === undefined) process.env.TF_CPP_MIN_LOG_LEVEL = '2';
  if (opts.threads && process.env.TF_NUM_INTRAOP_THREADS === undefined) {
    process.env.TF_NUM_INTRAOP_THREADS = String(opts.threads);
  }
  const notes: string[] = [];
  for (const pkg of NATIVE_PACKAGES) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(pkg);
      if (tf.findBackend('tensorflow')) return { pkg, notes };
      notes.push(`${pkg} loaded but registered no tensorflow backend`);
    } catch (e) {
      const msg = messageOf(e).split('\n')[0] ?? '';
      notes.push(/Cannot find module '@tensorflow\/tfjs-node/.test(msg) ? `${pkg} is not installed` : `${pkg} did not load: ${msg}`);
    }
  }
  return { notes };
}

let current: BackendInfo | undefined;

/** Selects and initialises the backend; call once per process before building any tensor. */
export async function useBackend(requested: BackendChoice = 'auto', opts: BackendOptions = {}): Promise<BackendInfo> {
  if (current && current.requested === requested) return current;
  tf.env().set('PROD', true); // no debug checks, no "install tfjs-node" banner
  const notes: string[] = [];
  let name: 'tensorflow' | 'wasm' | 'cpu';
  let pkg: string;
  if (requested === 'auto' || requested === 'tensorflow') {
    const native = loadNative(opts);
    notes.push(...native.notes);
    if (native.pkg) {
      name = 'tensorflow';
      pkg = native.pkg;
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
  const threads = name === 'tensorflow' ? Number(process.env.TF_NUM_INTRAOP_THREADS ?? 0) || null : 1;
  current = { name, requested, package: pkg, tfjsVersion: tf.version_core, threads, notes };
  return current;
}

/** The backend chosen by the last useBackend call. */
export function currentBackend(): BackendInfo | undefined {
  return current;
}

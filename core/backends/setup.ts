/**
 * `bench setup native`: builds the native TensorFlow engine (tfjs-node on TensorFlow's own C library)
 * into the cache, or reuses the cached build, and installs it. The work is plain JavaScript in
 * scripts/setup-native.js, shared with the npm install hook (which runs before TypeScript is compiled);
 * this module types it and turns its SetupError into a BenchError (exit 1, the reason alone). It knows
 * nothing of the command line.
 */
import * as path from 'node:path';
import { BenchError } from '../util/errors';
import { PACKAGE_ROOT } from '../util/paths';

export interface SetupOptions {
  /** TensorFlow version whose wheel to build against (default 2.21.0). */
  tensorflow?: string;
  /** A TensorFlow wheel, a directory holding one, or an unpacked tensorflow/ directory. */
  from?: string;
  /** Build tfjs-node-gpu against the `tensorflow` wheel (CUDA 12). */
  gpu?: boolean;
  /** Rebuild even when the cache has this build. */
  force?: boolean;
  /** Let pip draw its download progress bar (on stdout). */
  showProgress?: boolean;
  log?: (line: string) => void;
}

export interface SetupResult {
  /** Taken from the cache, not built. */
  reused: boolean;
  seconds: number;
  /** The cache folder of this build. */
  dir: string;
  /** Where it was installed. */
  target: string;
  ready: { tensorflow: string; package: string };
}

interface SetupModule {
  setupNative(opts: SetupOptions): SetupResult;
  SetupError: new (...a: unknown[]) => Error;
}

/** Builds (or reuses) and installs the native engine; a BenchError with exit code 1 when it cannot. */
export function setupNative(opts: SetupOptions): SetupResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(PACKAGE_ROOT, 'scripts', 'setup-native.js')) as SetupModule;
  try {
    return mod.setupNative(opts);
  } catch (e) {
    if (e instanceof mod.SetupError) throw new BenchError(`setup native: ${e.message}`, 1);
    throw e;
  }
}

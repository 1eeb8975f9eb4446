/**
 * The native TensorFlow engine: tfjs-node's binding over TensorFlow's C library.
 *
 * Where it comes from, in the order tried (the GPU flavour first):
 *   1. the build `scripts/setup-native.js` (run by `npm install` and `bench setup native`) made from
 *      TensorFlow's own wheel and installed into `node_modules/.bench-native/` (native.json lists it);
 *   2. the npm packages @tensorflow/tfjs-node-gpu / @tensorflow/tfjs-node, where their own install
 *      script could fetch libtensorflow (Google storage; it answers 403 since August 2026).
 * Both register the `tensorflow` backend into the tfjs-core this process already uses: the copy in
 * node_modules/.bench-native resolves `@tensorflow/tfjs` to the project's own, and loading checks it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { messageOf } from '../util/errors';
import { PACKAGE_ROOT } from '../util/paths';
import * as tf from '../tf';

/** One entry of node_modules/.bench-native/native.json, as scripts/setup-native.js writes it. */
export interface NativeBuild {
  tensorflow: string;
  gpu: boolean;
  /** `tfjs-node` or `tfjs-node-gpu`. */
  package: string;
  tfjsNode: string;
  nodeAbi: string;
  /** The wheel or directory the libraries came from. */
  source: string;
  builtAt: string;
  buildSeconds: number;
  /** The installed copy, in this project's node_modules. */
  dir: string;
  /** The cache directory holding the libraries and the binding. */
  cache: string;
}

/** A way to get the tensorflow backend, before it is tried. */
export interface NativeCandidate {
  /** What reports print: `tfjs-node (bench build)`, `@tensorflow/tfjs-node (npm)`. */
  label: string;
  gpu: boolean;
  /** What to require; absent when it is not installed. */
  entry?: string;
  /** Why it cannot be tried (not installed, no binding, built for another Node). */
  missing?: string;
  build?: NativeBuild;
}

/** The native engine once loaded. */
export interface NativeEngine {
  candidate: NativeCandidate;
  /** TensorFlow's version as the C library reports it (TF_Version). */
  tensorflow: string;
  /** Where the TensorFlow libraries are. */
  libraries: string;
}

/** node_modules/.bench-native/native.json under `root`, or {} when there is none. */
export function readNativeManifest(root = PACKAGE_ROOT): Record<string, NativeBuild> {
  const file = path.join(root, 'node_modules', '.bench-native', 'native.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, NativeBuild>;
  } catch {
    return {};
  }
}

function hasBinding(pkgDir: string): boolean {
  const lib = path.join(pkgDir, 'lib');
  try {
    return fs.readdirSync(lib).some((d) => /^napi-v\d+$/.test(d) && fs.existsSync(path.join(lib, d, 'tfjs_binding.node')));
  } catch {
    return false;
  }
}

/** The candidates in the order `auto` tries them: GPU before CPU, bench's build before npm's package. */
export function nativeCandidates(root = PACKAGE_ROOT): NativeCandidate[] {
  const manifest = readNativeManifest(root);
  const out: NativeCandidate[] = [];
  for (const gpu of [true, false]) {
    const name = gpu ? 'tfjs-node-gpu' : 'tfjs-node';
    const build = manifest[name];
    if (build) {
      const c: NativeCandidate = { label: `${name} (bench build, TensorFlow ${build.tensorflow})`, gpu, build };
      if (build.nodeAbi !== process.versions.modules) c.missing = `built for Node ABI ${build.nodeAbi}, this is ${process.versions.modules}: run \`bench setup native${gpu ? ' --gpu' : ''}\``;
      else if (!hasBinding(build.dir)) c.missing = `its binding is gone from ${build.cache}: run \`bench setup native${gpu ? ' --gpu' : ''}\``;
      else c.entry = build.dir;
      out.push(c);
    }
    const pkg = `@tensorflow/${name}`;
    const c: NativeCandidate = { label: `${pkg} (npm)`, gpu };
    try {
      const dir = path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] }));
      if (hasBinding(dir)) c.entry = dir;
      else c.missing = `installed without its binding (its install script could not download libtensorflow)`;
    } catch {
      c.missing = 'not installed';
    }
    out.push(c);
  }
  return out;
}

interface Quiet {
  mute(): number;
  restore(fd: number): void;
}

/** The fd-2 muter built next to the binding (scripts/native-quiet), when there is one. */
function quietFor(c: NativeCandidate): Quiet | undefined {
  if (!c.build) return undefined;
  const file = path.join(c.build.cache, c.build.package, 'lib', 'bench_quiet.node');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return fs.existsSync(file) ? (require(file) as Quiet) : undefined;
  } catch {
    return undefined;
  }
}

/** TensorFlow's version from a backend the binding registered. */
function tfVersionOf(): string {
  const b = tf.findBackend('tensorflow') as unknown as { binding?: { TF_Version?: string } } | null;
  return b?.binding?.TF_Version ?? 'unknown';
}

/**
 * Sets TensorFlow's environment before its library loads: threads (intra- and inter-op) when given, and
 * its log level (errors only) unless `verbose`.
 */
export function prepareNativeEnv(opts: { threads?: number; verbose?: boolean }): void {
  if (!opts.verbose && process.env.TF_CPP_MIN_LOG_LEVEL === undefined) process.env.TF_CPP_MIN_LOG_LEVEL = '2';
  if (opts.threads) {
    process.env.TF_NUM_INTRAOP_THREADS = String(opts.threads);
    process.env.TF_NUM_INTEROP_THREADS = String(opts.threads);
  }
}

/**
 * Loads the first candidate that registers a `tensorflow` backend into this process' tfjs-core.
 * `notes` says why the others were passed over. Loading a binding cannot be undone: once one loaded,
 * later calls return it.
 */
export function loadNative(opts: { threads?: number; verbose?: boolean; gpu?: boolean; root?: string } = {}): { engine?: NativeEngine; notes: string[] } {
  if (loaded) return { engine: loaded, notes: [] };
  prepareNativeEnv(opts);
  const notes: string[] = [];
  const candidates = nativeCandidates(opts.root).filter((c) => opts.gpu === undefined || c.gpu === opts.gpu);
  if (candidates.every((c) => !c.build)) notes.push('no bench build of the native engine (run `bench setup native`)');
  for (const c of candidates) {
    if (!c.entry) {
      if (c.build || c.missing !== 'not installed') notes.push(`${c.label}: ${c.missing}`);
      continue;
    }
    const quiet = opts.verbose ? undefined : quietFor(c);
    const fd = quiet ? quiet.mute() : -1;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(c.entry);
      const ours = require.resolve('@tensorflow/tfjs-core');
      const theirs = require.resolve('@tensorflow/tfjs-core', { paths: [c.entry] });
      if (!tf.findBackend('tensorflow')) {
        notes.push(`${c.label} loaded but registered no tensorflow backend here${ours !== theirs ? ` (it uses another @tensorflow/tfjs-core: ${theirs})` : ''}`);
        continue;
      }
      const libraries = c.build ? path.join(c.build.cache, c.build.package, 'deps', 'lib') : path.join(c.entry, 'deps', 'lib');
      loaded = { candidate: c, tensorflow: tfVersionOf(), libraries };
      return { engine: loaded, notes };
    } catch (e) {
      notes.push(`${c.label} did not load: ${messageOf(e).split('\n')[0]}`);
    } finally {
      if (quiet) quiet.restore(fd);
    }
  }
  return { notes };
}

let loaded: NativeEngine | undefined;

/** What this machine offers a GPU build: the NVIDIA driver and its devices, if any. */
export interface GpuProbe {
  /** The driver's version line from /proc/driver/nvidia/version, or null. */
  driver: string | null;
  /** `nvidia-smi -L` lines, one per device. */
  devices: string[];
  /** One line for reports. */
  summary: string;
}

/** Looks for an NVIDIA GPU without loading anything. */
export function probeGpu(): GpuProbe {
  let driver: string | null = null;
  try {
    driver = fs.readFileSync('/proc/driver/nvidia/version', 'utf8').split('\n')[0]?.trim() || null;
  } catch {
    driver = null;
  }
  let devices: string[] = [];
  const smi = spawnSync('nvidia-smi', ['-L'], { encoding: 'utf8', timeout: 5000 });
  if (smi.status === 0) devices = smi.stdout.split('\n').filter((l) => l.startsWith('GPU'));
  const summary =
    devices.length > 0
      ? `${devices.length} NVIDIA GPU${devices.length > 1 ? 's' : ''}: ${devices.map((d) => d.replace(/ \(UUID.*\)$/, '')).join('; ')}`
      : driver
        ? `NVIDIA driver present (${driver}) but nvidia-smi lists no device`
        : `no NVIDIA GPU found (no driver in /proc/driver/nvidia, no nvidia-smi) on ${os.hostname()}`;
  return { driver, devices, summary };
}

/** What a results file records about where it ran: enough to judge whether two runs compare. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { BackendInfo } from '../backends';
import type { Calibration } from './calibration';
import { PACKAGE_ROOT } from '../util/paths';

export interface Environment {
  node: string;
  tfjs: string;
  backend: BackendInfo;
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  gitCommit: string | null;
  /** The machine's name; absent in a shareable copy (`bench publish`). */
  hostname?: string;
  /**
   * Machine speed: the fixed compute probe of core/env/calibration.ts timed on this backend. Absent in
   * files written before it existed; `bench compare` then compares raw times and says so.
   */
  calibration?: Calibration;
}

/**
 * The commit of the bench checkout at `dir`, or null when `dir` is not the top of a git work tree: an
 * installed package (node_modules/optim-bench) inside someone's repository is not that repository's code.
 */
export function gitCommit(dir = PACKAGE_ROOT): string | null {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  try {
    if (fs.realpathSync(git('rev-parse', '--show-toplevel')) !== fs.realpathSync(dir)) return null;
    return git('rev-parse', 'HEAD') || null;
  } catch {
    return null;
  }
}

/** This machine's CPU model, as `Environment.cpu` records it. */
export function cpuModel(): string {
  return os.cpus()[0]?.model.trim() || 'unknown';
}

export function captureEnvironment(backend: BackendInfo): Environment {
  return {
    node: process.version,
    tfjs: backend.tfjsVersion,
    backend,
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    gitCommit: gitCommit(),
    hostname: os.hostname(),
  };
}

/** What of a machine a trial's timings depend on: the CPU model and the backend with its version and threads. */
export interface Machine {
  cpu: string;
  /** tf.getBackend(): `tensorflow`, `wasm` or `cpu`. */
  backend: string;
  /** The npm package that provided it (which build of tfjs-node: CPU or GPU). */
  package: string;
  /** The engine's version: TensorFlow's C library for tensorflow, tfjs' otherwise. */
  version: string;
  threads: number | null;
}

/** The machine that `backend` runs on: this one unless `cpu` says otherwise. */
export function machineOf(backend: BackendInfo, cpu = cpuModel()): Machine {
  return { cpu, backend: backend.name, package: backend.package, version: backend.tensorflow ?? backend.tfjsVersion, threads: backend.threads };
}

/**
 * The backend of a results file with its engine's version, as reports name it: `tensorflow 2.21.0`,
 * `wasm 4.22.0` (tfjs' version; files written before the backend recorded it give the environment's).
 */
export function backendLabel(env: Pick<Environment, 'backend' | 'tfjs'>): string {
  const version = env.backend.tensorflow ?? env.backend.tfjsVersion ?? env.tfjs;
  return version ? `${env.backend.name} ${version}` : env.backend.name;
}

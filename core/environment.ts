/** What a results file records about where it ran: enough to judge whether two runs compare. */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import type { BackendInfo } from './backends';
import type { Calibration } from './calibration';
import { PACKAGE_ROOT } from './paths';

export interface Environment {
  node: string;
  tfjs: string;
  backend: BackendInfo;
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  gitCommit: string | null;
  hostname: string;
  /**
   * Machine speed: the fixed compute probe of core/calibration.ts timed on this backend. Absent in
   * files written before it existed; `bench compare` then compares raw times and says so.
   */
  calibration?: Calibration;
}

/** The commit of the bench checkout, or null outside a git work tree. */
export function gitCommit(dir = PACKAGE_ROOT): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}

export function captureEnvironment(backend: BackendInfo): Environment {
  const cpus = os.cpus();
  return {
    node: process.version,
    tfjs: backend.tfjsVersion,
    backend,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    gitCommit: gitCommit(),
    hostname: os.hostname(),
  };
}

/**
 * Slurm's client commands as functions: `sbatch --parsable` to submit (the shard array, a resubmission
 * of some of its tasks, the merge job after it) and `squeue` to read the jobs' states. Every command goes
 * through one `SlurmExec`, so tests can stand in for Slurm; the real one runs the commands and turns
 * "not installed" and a refusal into InputErrors. It knows nothing of bench's files or shards.
 */
import { execFileSync } from 'node:child_process';
import { InputError } from '../../util/errors';

/** Runs a Slurm command with `args`; returns its stdout, throws (an InputError) when it fails. */
export type SlurmExec = (command: string, args: readonly string[]) => string;

/** The real commands, from PATH. */
export const slurmExec: SlurmExec = (command, args) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string; status?: number };
    if (err.code === 'ENOENT') throw new InputError(`${command}: not found; --slurm needs Slurm's client commands (sbatch, squeue) on PATH`);
    const said = (err.stderr ?? '').trim().split('\n').slice(-3).join('; ');
    throw new InputError(`${command} ${args.join(' ')} failed${err.status !== undefined ? ` (exit ${err.status})` : ''}: ${said || err.message}`);
  }
};

/** `sbatch --parsable [ARGS] SCRIPT`: the new job's id. */
export function submit(exec: SlurmExec, script: string, args: readonly string[] = []): string {
  const out = exec('sbatch', ['--parsable', ...args, script]).trim();
  const id = out.split(';')[0]!.trim(); // "<id>" or "<id>;<cluster>"
  if (!/^\d+$/.test(id)) throw new InputError(`sbatch: expected a job id, got "${out}"`);
  return id;
}

/** `1,3-5` for the tasks [1, 3, 4, 5]. */
export function taskList(tasks: readonly number[]): string {
  const sorted = [...new Set(tasks)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** A job's state as squeue says it (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, ...), with its reason. */
export interface JobState {
  state: string;
  reason: string;
}

/** States in which a job still holds or awaits resources. */
export const ACTIVE_STATES = new Set(['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING', 'SUSPENDED', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESIZING', 'SIGNALING', 'STAGE_OUT']);

/** The task ids that a squeue array index names: `3`, `[1-4]`, `[1,3-5%2]`. */
function tasksOf(index: string): number[] {
  const body = index.replace(/^\[|\]$/g, '').replace(/%\d+$/, '');
  return body.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a)) return [];
    return Number.isInteger(b) ? Array.from({ length: b! - a! + 1 }, (_, k) => a! + k) : [a!];
  });
}

/**
 * The states of `jobs` that the controller still knows (finished jobs stay listed for its MinJobAge), by
 * `<job>` for a plain job and `<array job>_<task>` for an array task. A job it no longer lists is absent.
 */
export function jobStates(exec: SlurmExec, jobs: readonly string[]): Map<string, JobState> {
  const states = new Map<string, JobState>();
  if (jobs.length === 0) return states;
  let out: string;
  try {
    out = exec('squeue', ['--noheader', '--states=all', `--jobs=${jobs.join(',')}`, '--format=%F|%K|%i|%T|%r']);
  } catch (e) {
    if (/Invalid job id/i.test((e as Error).message)) return states; // none of them is known any more
    throw e;
  }
  for (const line of out.split('\n')) {
    const [arrayJob, task, id, state, reason] = line.trim().split('|');
    if (!state || !id) continue;
    const s = { state, reason: reason ?? '' };
    if (task && task !== 'N/A' && arrayJob) for (const t of tasksOf(task)) states.set(`${arrayJob}_${t}`, s);
    else states.set(id, s);
  }
  return states;
}

/**
 * Sharding: a deterministic partition of a suite's trials across the jobs of a CI matrix, a Kubernetes
 * Indexed Job or a Slurm array. Shards are written `i/n` with i counted from 1 (as jest and playwright
 * count them).
 *
 * The partition balances cost, not count: each trial has a cost (core/suite/cost.ts: estimated FLOPs, or
 * times measured in an earlier results file), and the trials, dearest first (ties in the order of the
 * sha256 of their id), go one by one to the shard with the least cost so far (ties to the lowest index):
 * the greedy longest-processing-time rule, whose slowest shard is within 4/3 of the best possible split.
 * It depends only on the trial ids and their costs, which every shard computes alike from the suite, so
 * every machine makes the same split without talking to the others, whatever the order of the suite
 * file, and no trial lands in two shards. Trials of equal cost are dealt round-robin in hash order, so
 * a suite of equal trials splits as it always did, into shards whose sizes differ by at most one. (A
 * plain `hash(id) mod n` leaves shards of a small suite badly uneven: 8 trials over 4 shards often give
 * a shard 4 trials and another none, and a matrix waits for its slowest job.)
 */
import * as crypto from 'node:crypto';
import { InputError } from '../util/errors';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** `i/n` */
export function formatShard(s: Shard): string {
  return `${s.index}/${s.count}`;
}

/** Parses `i/n` (1 <= i <= n); `what` names the option or variable in errors. */
export function parseShard(text: string, what = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new InputError(`${what}: expected "i/n" (for example 2/4) or "auto", found "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new InputError(`${what}: "${text}" is not a shard: need 1 <= i <= n`);
  return { index, count };
}

/**
 * The shard of this job from the environment, for `--shard auto`; the first that is set wins:
 * - `BENCH_SHARD` = `i/n` (set it from anything, e.g. a GitHub Actions matrix);
 * - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (0-based) with the count in `BENCH_SHARD_COUNT`
 *   (Kubernetes does not expose `.spec.completions` to the pod; set it in the manifest);
 * - Slurm array: `SLURM_ARRAY_TASK_ID` with `SLURM_ARRAY_TASK_COUNT`, counted from
 *   `SLURM_ARRAY_TASK_MIN` in steps of `SLURM_ARRAY_TASK_STEP` (so `--array=0-3` and `--array=1-4` both work).
 */
export function shardFromEnv(env: NodeJS.ProcessEnv = process.env): Shard {
  const int = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    if (!/^\d+$/.test(v.trim())) throw new InputError(`--shard auto: ${name}="${v}" is not a non-negative integer`);
    return Number(v);
  };
  if (env.BENCH_SHARD) return parseShard(env.BENCH_SHARD, 'BENCH_SHARD');
  const k8s = int('JOB_COMPLETION_INDEX');
  if (k8s !== undefined) {
    const count = int('BENCH_SHARD_COUNT');
    if (count === undefined) {
      throw new InputError('--shard auto: JOB_COMPLETION_INDEX is set but BENCH_SHARD_COUNT is not; set it to the Job\'s completions in the manifest');
    }
    return checked({ index: k8s + 1, count }, `JOB_COMPLETION_INDEX=${k8s}, BENCH_SHARD_COUNT=${count}`);
  }
  const slurm = int('SLURM_ARRAY_TASK_ID');
  if (slurm !== undefined) {
    const count = int('SLURM_ARRAY_TASK_COUNT');
    if (count === undefined) throw new InputError('--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not');
    const min = int('SLURM_ARRAY_TASK_MIN') ?? 0;
    const step = int('SLURM_ARRAY_TASK_STEP') ?? 1;
    if (step < 1 || (slurm - min) % step !== 0) throw new InputError(`--shard auto: SLURM_ARRAY_TASK_ID=${slurm} is not on the array's steps (min ${min}, step ${step})`);
    return checked({ index: (slurm - min) / step + 1, count }, `SLURM_ARRAY_TASK_ID=${slurm}, SLURM_ARRAY_TASK_MIN=${min}, SLURM_ARRAY_TASK_COUNT=${count}`);
  }
  throw new InputError(
    '--shard auto: none of BENCH_SHARD, JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array) is set; ' +
      'in a GitHub Actions matrix pass --shard ${{ matrix.shard }}/${{ strategy.job-total }}',
  );
}

function checked(s: Shard, from: string): Shard {
  if (s.count < 1 || s.index < 1 || s.index > s.count) throw new InputError(`--shard auto: ${from} gives shard ${formatShard(s)}, which does not exist`);
  return s;
}

/** `i/n` or `auto` (read from the environment). */
export function resolveShard(text: string, env: NodeJS.ProcessEnv = process.env): Shard {
  return text.trim() === 'auto' ? shardFromEnv(env) : parseShard(text);
}

const idHash = (id: string) => crypto.createHash('sha256').update(id).digest('hex');

/**
 * The shard (1-based) of each id: ids dearest first (`costOf`; ties by sha256, then id), each to the
 * shard with the least cost so far (ties to the lowest index). Depends only on the set of ids and their
 * costs, not their order; with equal costs it deals round-robin in hash order.
 */
export function assignShards(ids: readonly string[], count: number, costOf: (id: string) => number = () => 1): Map<string, number> {
  const sorted = [...new Set(ids)]
    .map((id) => ({ id, h: idHash(id), cost: costOf(id) }))
    .sort((a, b) => b.cost - a.cost || (a.h < b.h ? -1 : a.h > b.h ? 1 : a.id < b.id ? -1 : 1));
  const load = new Array<number>(count).fill(0);
  const of = new Map<string, number>();
  for (const { id, cost } of sorted) {
    let least = 0;
    for (let k = 1; k < count; k++) if (load[k]! < load[least]!) least = k;
    load[least]! += cost;
    of.set(id, least + 1);
  }
  return of;
}

/** The items of shard `shard`, in their given order; `costOf` weighs them (default: all alike). */
export function selectShard<T extends { id: string }>(items: readonly T[], shard: Shard, costOf?: (item: T) => number): T[] {
  const of = assignShards(items.map((t) => t.id), shard.count, costOf && costsById(items, costOf));
  return items.filter((t) => of.get(t.id) === shard.index);
}

/** Per shard (index 0 is shard 1): its trials and their summed cost. */
export function shardLoads<T extends { id: string }>(items: readonly T[], count: number, costOf: (item: T) => number, balanced = true): Array<{ trials: number; cost: number }> {
  const of = assignShards(items.map((t) => t.id), count, balanced ? costsById(items, costOf) : undefined);
  const loads = Array.from({ length: count }, () => ({ trials: 0, cost: 0 }));
  for (const t of items) {
    const l = loads[of.get(t.id)! - 1]!;
    l.trials++;
    l.cost += costOf(t);
  }
  return loads;
}

function costsById<T extends { id: string }>(items: readonly T[], costOf: (item: T) => number): (id: string) => number {
  const cost = new Map(items.map((t) => [t.id, costOf(t)]));
  return (id) => cost.get(id)!;
}

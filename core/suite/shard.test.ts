/**
 * Sharding a suite's trials: stable, order-independent assignment by the trial id's hash, shard specs and
 * `--shard auto` from the environment.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../util/errors';
import { ESTIMATED_COSTS } from './cost';
import { resolveSuite } from './load';
import { assignShards, parseShard, resolveShard, selectShard, shardFromEnv, shardLoads } from './shard';

const ids = Array.from({ length: 37 }, (_, i) => `cfg${i % 9}-s${i}`);
const items = ids.map((id) => ({ id }));

describe('selectShard', () => {
  it.each([1, 2, 3, 4, 7, 37, 50])('splits 37 trials into %i disjoint shards that cover them all, sizes within one', (n) => {
    const shards = Array.from({ length: n }, (_, i) => selectShard(items, { index: i + 1, count: n }).map((t) => t.id));
    const all = shards.flat();
    expect(all).toHaveLength(ids.length); // no trial twice
    expect(new Set(all)).toEqual(new Set(ids)); // every trial once
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(37);
  });

  it('keeps the suite order inside a shard', () => {
    const s = selectShard(items, { index: 2, count: 3 }).map((t) => ids.indexOf(t.id));
    expect(s).toEqual([...s].sort((a, b) => a - b));
  });

  it('is stable: the same split whatever the order of the suite, on every call', () => {
    const reversed = [...items].reverse();
    for (let k = 1; k <= 4; k++) {
      const a = selectShard(items, { index: k, count: 4 }).map((t) => t.id).sort();
      const b = selectShard(reversed, { index: k, count: 4 }).map((t) => t.id).sort();
      expect(b).toEqual(a);
    }
    expect([...assignShards(ids, 4)]).toEqual([...assignShards(ids, 4)]);
  });

  it('deals by sha256 of the id: a pinned assignment', () => {
    // sha256('a') = ca97..., sha256('b') = 3e23..., sha256('c') = 2e7d..., sha256('d') = 18ac...
    expect(Object.fromEntries(assignShards(['a', 'b', 'c', 'd'], 2))).toEqual({ d: 1, c: 2, b: 1, a: 2 });
  });
});

describe('cost-balanced shards', () => {
  it('deals the dearest trial first to the least loaded shard (pinned), not by count', () => {
    const cost: Record<string, number> = { a: 8, b: 5, c: 4, d: 3, e: 2 };
    // a -> 1 [8, 0]; b -> 2 [8, 5]; c -> 2 [8, 9]; d -> 1 [11, 9]; e -> 2 [11, 11]
    expect(Object.fromEntries(assignShards(['a', 'b', 'c', 'd', 'e'], 2, (id) => cost[id]!))).toEqual({ a: 1, b: 2, c: 2, d: 1, e: 2 });
  });

  it('with equal costs, deals round-robin in hash order as the count split did', () => {
    expect([...assignShards(ids, 4, () => 7)]).toEqual([...assignShards(ids, 4)]);
    expect(Object.fromEntries(assignShards(['a', 'b', 'c', 'd'], 2, () => 3))).toEqual({ d: 1, c: 2, b: 1, a: 2 });
  });

  it('every shard computes the same split from the suite alone, whatever its order', () => {
    const suite = resolveSuite({ ...JSON.parse(fs.readFileSync(path.join(__dirname, '../../suites/learning-rate-decay.json'), 'utf8')) }, 'suites/learning-rate-decay.json');
    const one = (trials: typeof suite.trials) => [1, 2, 3].map((i) => selectShard(trials, { index: i, count: 3 }, ESTIMATED_COSTS.costOf).map((t) => t.id).sort());
    const a = one(suite.trials);
    expect(one([...suite.trials].reverse())).toEqual(a);
    expect(new Set(a.flat())).toEqual(new Set(suite.trials.map((t) => t.id)));
    expect(a.flat()).toHaveLength(suite.trials.length);
  });

  it('a cifar.json-shaped grid mixing cifar-cnn and linear-3072: estimated shard costs within 20% for 2-8 shards, where count-balanced ones are not', () => {
    const cifar = JSON.parse(fs.readFileSync(path.join(__dirname, '../../suites/cifar.json'), 'utf8'));
    const suite = resolveSuite({ ...cifar, models: ['cifar-cnn', 'linear-3072'] }, 'suites/cifar.json');
    expect(suite.trials).toHaveLength(96);
    const spread = (n: number, balanced: boolean) => {
      const costs = shardLoads(suite.trials, n, ESTIMATED_COSTS.costOf, balanced).map((l) => l.cost);
      return Math.max(...costs) / Math.min(...costs);
    };
    const shards = [2, 3, 4, 5, 6, 7, 8];
    expect(shards.filter((n) => spread(n, true) > 1.2)).toEqual([]);
    expect(shards.filter((n) => spread(n, false) > 1.2)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('parseShard and --shard auto', () => {
  it('reads i/n counted from 1', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/4', '5/4', '1/0', 'a/b', '2', '2/4/1'])('refuses "%s" with an InputError', (s) => {
    expect(() => parseShard(s)).toThrow(InputError);
  });

  it('reads a Kubernetes Indexed Job (0-based index, count from BENCH_SHARD_COUNT)', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '0', BENCH_SHARD_COUNT: '4' })).toEqual({ index: 1, count: 4 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '3', BENCH_SHARD_COUNT: '4' })).toEqual({ index: 4, count: 4 });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '4', BENCH_SHARD_COUNT: '4' })).toThrow(/does not exist/);
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '0' })).toThrow(/BENCH_SHARD_COUNT/);
  });

  it('reads a Slurm array from 0 or from 1, with steps', () => {
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '0' })).toEqual({ index: 1, count: 4 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({ index: 4, count: 4 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '20', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_STEP: '5' })).toEqual({ index: 3, count: 3 });
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '2' })).toThrow(/SLURM_ARRAY_TASK_COUNT/);
  });

  it('prefers BENCH_SHARD, and says what it looked for when nothing is set', () => {
    expect(resolveShard('auto', { BENCH_SHARD: '3/5', JOB_COMPLETION_INDEX: '0', BENCH_SHARD_COUNT: '2' })).toEqual({ index: 3, count: 5 });
    expect(resolveShard('2/3', {})).toEqual({ index: 2, count: 3 });
    expect(() => resolveShard('auto', {})).toThrow(/JOB_COMPLETION_INDEX.*SLURM_ARRAY_TASK_ID.*strategy\.job-total/);
  });
});

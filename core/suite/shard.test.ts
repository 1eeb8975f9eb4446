/**
 * Sharding a suite's trials: stable, order-independent assignment by the trial id's hash, shard specs and
 * `--shard auto` from the environment.
 */
import { InputError } from '../util/errors';
import { assignShards, parseShard, resolveShard, selectShard, shardFromEnv } from './shard';

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

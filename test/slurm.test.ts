/**
 * The Slurm executor on a real Slurm: a one-node cluster started by the test (test/slurm-cluster.ts)
 * runs `bench run suites/quick.json --slurm --shards 2 --wait`, whose merged document must hold exactly
 * the trials of an unsharded run with the same values (same backend, one thread); then a third
 * submission is cancelled with scancel mid-run, leaves a merged partial naming the unfinished shards,
 * and `bench run --resume DIR` finishes it. Skips, saying why, only where Slurm is not installed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readResults } from '../core/results/document';
import type { RunDocument } from '../core/results/run-info';
import { readManifest, runFolder } from '../core/run/slurm/folder';
import { readShards, slurmStatus } from '../core/run/slurm/progress';
import { slurmExec } from '../core/run/slurm/scheduler';
import type { TrialRecord } from '../core/train/record';
import { cli, tempWriter, withDataLimits } from './helpers';
import { type SlurmCluster, slurmUnavailable, startSlurmCluster } from './slurm-cluster';

const QUICK = path.join(__dirname, '..', 'suites', 'quick.json');
const unavailable = slurmUnavailable();
const tmp = tempWriter('bench-slurm-run-');
const common = ['--backend', 'wasm', '--workers', '1', '--threads', '1'];

/** A record without what depends on the clock: the numbers a run must reproduce exactly. */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !/Seconds$|^startedAt$|^samplesPerSecond$/.test(k))
      .map(([k, v]) => [k, timeless(v)]),
  );
}

const byId = (trials: readonly TrialRecord[]) => new Map(trials.map((t) => [t.id, timeless(t)]));

async function until(ok: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

(unavailable ? describe.skip : describe)(`bench run --slurm on a one-node Slurm cluster${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  withDataLimits(256, 200);
  let cluster: SlurmCluster | undefined;
  let reference: RunDocument;
  const saved = { conf: process.env.SLURM_CONF, data: process.env.BENCH_DATA_DIR };

  beforeAll(async () => {
    process.env.BENCH_DATA_DIR = path.join(tmp.dir, 'no-data'); // the embedded MNIST subset, as CI has it
    cluster = await startSlurmCluster();
    process.env.SLURM_CONF = cluster.conf;
    const ref = path.join(tmp.dir, 'unsharded.json');
    const r = await cli('run', QUICK, ...common, '--out', ref);
    expect(r.code).toBe(0);
    reference = readResults(ref) as RunDocument;
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    for (const [k, v] of [['SLURM_CONF', saved.conf], ['BENCH_DATA_DIR', saved.data]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(tmp.dir, { recursive: true, force: true });
  }, 60_000);

  it('--shards 2 --wait: two shards and a merge job; the merged document holds exactly the unsharded run\'s trials, with its values', async () => {
    const dir = path.join(tmp.dir, 'two');
    const r = await cli('run', QUICK, '--slurm', '--shards', '2', '--wait', ...common, '--out', dir);
    expect({ code: r.code, logs: r.code === 0 ? '' : `${r.err}\n${cluster!.logs()}` }).toEqual({ code: 0, logs: '' });
    const { submissions } = readManifest(dir);
    const { array, merge } = submissions[0]!;
    expect(r.err).toContain(`submitted: array job ${array} (shards 1-2), merge job ${merge} (afterany:${array})`);
    expect(r.err).toContain(`results: ${path.join(dir, 'results.json')}`);
    const progress = r.err.split('\n').filter((l) => /^\[\d\/4\] /.test(l));
    expect(progress).toHaveLength(4);
    expect(new Set(progress.map((l) => /\(shard (\d),/.exec(l)![1]))).toEqual(new Set(['1', '2']));
    expect(r.err).toMatch(new RegExp(`merge \\(job ${merge}\\): COMPLETED`));
    expect(r.out).toContain(`results: ${path.join(dir, 'results.json')}`);

    const merged = readResults(path.join(dir, 'results.json')) as RunDocument;
    expect(merged.complete).toBe(true);
    expect(merged.run.mergedFrom!.map((f) => f.shard)).toEqual([
      { index: 1, count: 2 },
      { index: 2, count: 2 },
    ]);
    expect(merged.trials.map((t) => t.id)).toEqual(reference.trials.map((t) => t.id));
    expect(byId(merged.trials)).toEqual(byId(reference.trials));
    expect(merged.environment.backend.name).toBe(reference.environment.backend.name);
  }, 240_000);

  it('scancel mid-run leaves a merged partial naming the unfinished shards; bench run --resume DIR finishes it', async () => {
    const dir = path.join(tmp.dir, 'cancelled');
    const sub = await cli('run', QUICK, '--set', 'seeds=1,2,3,4', '--slurm', '--shards', '2', '--no-wait', ...common, '--out', dir);
    expect(sub.code).toBe(0);
    const { array, merge } = readManifest(dir).submissions[0]!;
    const folder = runFolder(dir);
    await until(() => readShards(folder, 2).some((s) => s.records.length >= 1), 120_000, 'a shard\'s first trial');
    execFileSync('scancel', [array], { env: cluster!.env });
    await until(() => slurmStatus(dir, slurmExec).finished && fs.existsSync(path.join(dir, 'results.json')), 120_000, 'the merge job after the cancel');

    const partial = readResults(path.join(dir, 'results.json')) as RunDocument;
    expect(partial.complete).toBe(false);
    const shards = readShards(folder, 2);
    const unfinished = shards.filter((s) => !s.complete);
    expect(unfinished.length).toBeGreaterThan(0);
    // A shard cancelled before it started wrote no file: the merge names it with no file and no plan.
    const named = (s: (typeof unfinished)[number]) =>
      fs.existsSync(s.file) ? { file: s.file, trials: s.records.length, planned: 4 } : { file: null, trials: 0, planned: null };
    expect(partial.run.incompleteShards).toEqual(unfinished.map((s) => ({ shard: { index: s.shard, count: 2 }, ...named(s) })));
    const status = await cli('status', dir);
    expect(status.code).toBe(1);
    expect(status.out).toContain(`job ${array}_${unfinished[0]!.shard} CANCELLED`);
    expect(status.out).toContain(`merge: job ${merge} COMPLETED`);

    const resumed = await cli('run', '--resume', dir);
    expect({ code: resumed.code, logs: resumed.code === 0 ? '' : `${resumed.err}\n${cluster!.logs()}` }).toEqual({ code: 0, logs: '' });
    expect(resumed.err).toContain(`submitted again: shards ${unfinished.map((s) => s.shard).join(', ')} as array job`);
    const done = readResults(path.join(dir, 'results.json')) as RunDocument;
    expect(done.complete).toBe(true);
    expect(done.trials).toHaveLength(8);
    expect(done.run.incompleteShards).toBeUndefined();
    // Every trial finished before the cancel is kept as it was; seeds 1 and 2 are the unsharded run's.
    const before = new Map(shards.flatMap((s) => s.records.map((t) => [t.id, timeless(t)])));
    for (const t of done.trials) if (before.has(t.id)) expect(timeless(t)).toEqual(before.get(t.id));
    const ref = byId(reference.trials);
    expect(byId(done.trials.filter((t) => ref.has(t.id)))).toEqual(ref);
    expect(readManifest(dir).submissions).toHaveLength(2);
  }, 300_000);
});

/**
 * The Slurm executor without a Slurm: the scripts it writes (run with bash against a stand-in bench),
 * the `--sbatch` options, squeue's output, and submitting and resubmitting through a stand-in for the
 * Slurm commands. The live test on a real cluster is test/slurm.test.ts.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inputErrorOf, tempWriter } from '../../../test/helpers';
import { readManifest } from './folder';
import { jobStates, type SlurmExec, taskList } from './scheduler';
import { parseSbatchOptions, shellQuote } from './script';
import { planSlurmRun, resubmitSlurmRun, submitSlurmRun } from './submit';

const QUICK = path.join(__dirname, '../../../suites/quick.json');
const tmp = tempWriter('bench-slurm-unit-');
afterAll(() => fs.rmSync(tmp.dir, { recursive: true, force: true }));

/** A stand-in for sbatch and squeue: numbered job ids, states as the test sets them. */
function fakeSlurm(): { exec: SlurmExec; calls: string[][]; states: Map<string, string> } {
  const calls: string[][] = [];
  const states = new Map<string, string>();
  let next = 100;
  const exec: SlurmExec = (cmd, args) => {
    calls.push([cmd, ...args]);
    if (cmd === 'sbatch') return `${next++}\n`;
    if (cmd === 'squeue') return [...states].map(([id, st]) => `${id.split('_')[0]}|${id.split('_')[1] ?? 'N/A'}|${id}|${st}|None`).join('\n');
    throw new Error(`unexpected ${cmd}`);
  };
  return { exec, calls, states };
}

describe('sbatch options and the queue', () => {
  it('reads --sbatch into #SBATCH lines, a short option taking the next word; refuses what bench sets', () => {
    expect(parseSbatchOptions('--partition=debug  --time=1:00:00 -A "my proj" --cpus-per-task=4')).toEqual(['--partition=debug', '--time=1:00:00', "-A 'my proj'", '--cpus-per-task=4']);
    expect(parseSbatchOptions(undefined)).toEqual([]);
    expect(inputErrorOf(() => parseSbatchOptions('--array=1-3'))).toBe('--sbatch: bench sets --array itself (the shard array, the merge\'s dependency and the logs in the run folder)');
    expect(inputErrorOf(() => parseSbatchOptions('debug'))).toBe('--sbatch: "debug" is not an option (options start with -)');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('squeue lines by array task, a pending range expanded; an unknown job is no state', () => {
    const out = ['7|1-3|7_[1-3]|PENDING|Resources', '7|4|7_4|RUNNING|None', '8|N/A|8|PENDING|Dependency'].join('\n');
    const states = jobStates(() => out, ['7', '8']);
    expect(Object.fromEntries([...states].map(([k, v]) => [k, v.state]))).toEqual({ '7_1': 'PENDING', '7_2': 'PENDING', '7_3': 'PENDING', '7_4': 'RUNNING', '8': 'PENDING' });
    const gone: SlurmExec = () => {
      throw new Error('squeue failed (exit 1): slurm_load_jobs error: Invalid job id specified');
    };
    expect(jobStates(gone, ['9']).size).toBe(0);
    expect(taskList([5, 1, 2, 3, 7])).toBe('1-3,5,7');
  });
});

describe('the scripts', () => {
  it('--dry-run plan: the split and two scripts; task i runs shard i/N, or resumes it when its file exists', () => {
    const dir = path.join(tmp.dir, 'plan');
    const plan = planSlurmRun({ suite: QUICK, shards: 2, backend: 'wasm', out: dir, bench: ['/bin/echo', 'BENCH'], dataLimits: { train: 256 }, sbatch: '--time=5' });
    expect(plan.split).toEqual([
      { trials: 2, share: 0.5 },
      { trials: 2, share: 0.5 },
    ]);
    expect(fs.existsSync(dir)).toBe(false); // planning writes nothing
    const s = plan.scripts.shard;
    expect(s).toContain('#SBATCH --array=1-2\n#SBATCH --cpus-per-task=1\n');
    expect(s).toContain(`#SBATCH --output=${dir}/logs/shard-%a.out`);
    expect(s).toContain('#SBATCH --time=5\n');
    expect(plan.scripts.merge).toContain(`merge "\${files[@]}" --partial --force --out ${dir}/results.json`);
    // Run the script's body with bash, bench standing in as echo: the command each attempt would run.
    const body = (task: string, cpus: string) =>
      execFileSync('bash', ['-c', s], { env: { ...process.env, SLURM_ARRAY_TASK_ID: task, SLURM_CPUS_PER_TASK: cpus, BENCH_TEST_LIMIT: '9' }, encoding: 'utf8' }).trim().split('\n').pop();
    fs.mkdirSync(dir);
    expect(body('2', '4')).toBe(`BENCH run ${QUICK} --shard 2/2 --out ${dir}/shard-2.json --backend wasm --workers 4 --threads 1`);
    fs.writeFileSync(`${dir}/shard-2.json`, '{}');
    fs.writeFileSync(`${dir}/shard-2.json.lock`, '{}');
    expect(body('2', '4')).toBe(`BENCH run ${QUICK} --resume ${dir}/shard-2.json --backend wasm --workers 4 --threads 1`);
    expect(fs.existsSync(`${dir}/shard-2.json.lock`)).toBe(false); // a killed attempt's lock
    const limits = execFileSync('bash', ['-c', `${s.split('shard="$SLURM')[0]}env | grep BENCH_ | sort`], { env: { ...process.env, BENCH_TEST_LIMIT: '9' }, encoding: 'utf8' });
    expect(limits.trim()).toBe('BENCH_TRAIN_LIMIT=256'); // the client's limits, not the node's environment
  });

  it('workers and threads: --workers given, threads the task\'s CPUs over them', () => {
    const plan = planSlurmRun({ suite: QUICK, shards: 1, backend: 'tensorflow', workers: 2, out: path.join(tmp.dir, 'w'), bench: ['/bin/echo'], set: ['epochs=1'] });
    const last = execFileSync('bash', ['-c', plan.scripts.shard.replace(/^cd .*$/m, `cd ${tmp.dir}`)], { env: { ...process.env, SLURM_ARRAY_TASK_ID: '1', SLURM_CPUS_PER_TASK: '8' }, encoding: 'utf8' }).trim().split('\n').pop();
    expect(last).toBe(`run ${QUICK} --shard 1/1 --out ${tmp.dir}/w/shard-1.json --set epochs=1 --backend tensorflow --workers 2 --threads 4`);
  });

  it('refuses a suite with a search, and more shards than trials', () => {
    expect(inputErrorOf(() => planSlurmRun({ suite: path.join(__dirname, '../../../suites/tuning-quick.json'), backend: 'wasm' }))).toMatch(/suites with a search cannot be sharded yet/);
    expect(inputErrorOf(() => planSlurmRun({ suite: QUICK, shards: 5, backend: 'wasm' }))).toBe('--shards 5: suite quick has only 4 trials');
  });
});

describe('submitting and resubmitting', () => {
  it('submits the array then the merge after it; a resume sends only the unfinished shards, and nothing while one still runs', () => {
    const dir = path.join(tmp.dir, 'submit');
    const slurm = fakeSlurm();
    const plan = planSlurmRun({ suite: QUICK, shards: 2, backend: 'wasm', out: dir, bench: ['/bin/true'] });
    const m = submitSlurmRun(plan, slurm.exec);
    expect(slurm.calls).toEqual([
      ['sbatch', '--parsable', `${dir}/shard.sbatch`],
      ['sbatch', '--parsable', '--dependency=afterany:100', `${dir}/merge.sbatch`],
    ]);
    expect(m.submissions).toEqual([{ array: '100', tasks: [1, 2], merge: '101', submittedAt: expect.any(String) }]);
    expect(readManifest(dir)).toEqual(m);
    expect(inputErrorOf(() => submitSlurmRun(plan, slurm.exec))).toBe(`${dir} holds a Slurm run already; bench run --resume ${dir} finishes it, --force starts over`);

    slurm.states.set('100_2', 'RUNNING');
    expect(resubmitSlurmRun(dir, slurm.exec)).toMatchObject({ active: [2], sent: [] });
    slurm.states.clear();
    slurm.states.set('100_1', 'COMPLETED');
    slurm.states.set('100_2', 'CANCELLED');
    // Shard 1 finished (its log holds both planned trials), shard 2 wrote nothing.
    const header = { kind: 'header', format: 1, plannedTrials: ['a', 'b'] };
    const line = (id: string) => JSON.stringify({ kind: 'trial', record: { id } });
    fs.writeFileSync(`${dir}/shard-1.json.trials.jsonl`, `${JSON.stringify(header)}\n${line('a')}\n${line('b')}\n`);
    slurm.calls.length = 0;
    const r = resubmitSlurmRun(dir, slurm.exec);
    expect(r.sent).toEqual([2]);
    expect(slurm.calls.filter((c) => c[0] === 'sbatch')).toEqual([
      ['sbatch', '--parsable', '--array=2', `${dir}/shard.sbatch`],
      ['sbatch', '--parsable', '--dependency=afterany:102', `${dir}/merge.sbatch`],
    ]);
    expect(readManifest(dir).submissions.map((s) => [s.array, s.tasks, s.merge])).toEqual([
      ['100', [1, 2], '101'],
      ['102', [2], '103'],
    ]);
  });
});

describe('bench run --slurm on the command line', () => {
  it('--dry-run prints the split and both scripts, and writes and submits nothing', async () => {
    const { cli } = await import('../../../test/helpers');
    const dir = path.join(tmp.dir, 'dry');
    const r = await cli('run', QUICK, '--slurm', '--shards', '2', '--dry-run', '--backend', 'wasm', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.err.split('\n')).toEqual([
      'quick: 4 trials in 2 shards, split by estimated FLOPs (core/suite/cost.ts):',
      '  shard 1: 2 trials, 50.0% of the cost',
      '  shard 2: 2 trials, 50.0% of the cost',
      'dry run: nothing written or submitted',
    ]);
    expect(r.out).toContain(`# ${dir}/shard.sbatch\n#!/bin/bash\n`);
    expect(r.out).toContain(`# ${dir}/merge.sbatch (submitted with --dependency=afterany:<the array's job id>)\n#!/bin/bash\n`);
    expect(fs.existsSync(dir)).toBe(false);
    expect(await cli('run', QUICK, '--shards', '2')).toMatchObject({ code: 2, err: 'bench: --shards: only with --slurm' });
    expect(await cli('run', QUICK, '--slurm', '--shard', '1/2')).toMatchObject({ code: 2, err: 'bench: --shard: --slurm makes the shards itself (--shards N)' });
  });
});

describe('following a run', () => {
  const header = (planned: string[]) => JSON.stringify({ kind: 'header', format: 1, plannedTrials: planned });
  const line = (id: string) => `${JSON.stringify({ kind: 'trial', record: { id, label: id, seed: 1, status: 'failed', error: 'x', epochs: 1, history: [] } })}\n`;

  it('one event per trial a shard appends, a line per job state, until the jobs end; then the merged document', async () => {
    const dir = path.join(tmp.dir, 'follow');
    const slurm = fakeSlurm();
    submitSlurmRun(planSlurmRun({ suite: QUICK, shards: 2, backend: 'wasm', out: dir, bench: ['/bin/true'] }), slurm.exec);
    for (const t of ['100_1', '100_2', '101']) slurm.states.set(t, 'PENDING');
    const trials: string[] = [];
    const lines: string[] = [];
    const { followSlurmRun } = await import('./progress');
    const following = followSlurmRun(dir, {
      exec: slurm.exec,
      pollMs: 10,
      events: { log: (l) => lines.push(l), onTrial: (r, done, total, shard) => trials.push(`${r.id} ${done}/${total} shard ${shard}`) },
    });
    const log1 = `${dir}/shard-1.json.trials.jsonl`;
    const log2 = `${dir}/shard-2.json.trials.jsonl`;
    const step = () => new Promise((r) => setTimeout(r, 40));
    await step();
    slurm.states.set('100_1', 'RUNNING');
    slurm.states.set('100_2', 'RUNNING');
    fs.writeFileSync(log1, `${header(['a', 'b'])}\n${line('a')}`);
    fs.writeFileSync(log2, `${header(['c', 'd'])}\n`);
    await step();
    fs.appendFileSync(log2, line('c') + line('d'));
    fs.appendFileSync(log1, line('b'));
    await step();
    slurm.states.set('100_1', 'COMPLETED');
    slurm.states.set('100_2', 'COMPLETED');
    slurm.states.set('101', 'COMPLETED');
    const outcome = await following;
    expect(outcome.detached).toBe(false);
    expect(outcome.doc).toBeUndefined(); // the stand-in merge wrote nothing
    expect(trials).toEqual(['a 1/4 shard 1', 'b 2/4 shard 1', 'c 3/4 shard 2', 'd 4/4 shard 2']); // within a look, shard by shard
    expect(lines).toEqual([
      'shard 1/2 (job 100_1): PENDING (None)',
      'shard 2/2 (job 100_2): PENDING (None)',
      'merge (job 101): PENDING',
      'shard 1/2 (job 100_1): RUNNING',
      'shard 2/2 (job 100_2): RUNNING',
      'shard 1/2 (job 100_1): COMPLETED',
      'shard 2/2 (job 100_2): COMPLETED',
      'merge (job 101): COMPLETED',
    ]);
  });

  it('an aborted follow returns at once, detached, and cancels nothing', async () => {
    const dir = path.join(tmp.dir, 'detach');
    const slurm = fakeSlurm();
    submitSlurmRun(planSlurmRun({ suite: QUICK, shards: 1, backend: 'wasm', out: dir, bench: ['/bin/true'] }), slurm.exec);
    slurm.states.set('100_1', 'RUNNING');
    slurm.states.set('101', 'PENDING');
    const { followSlurmRun } = await import('./progress');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const outcome = await followSlurmRun(dir, { exec: slurm.exec, pollMs: 10_000, signal: controller.signal });
    expect(outcome.detached).toBe(true);
    expect(outcome.status.finished).toBe(false);
    expect(slurm.calls.map((c) => c[0])).not.toContain('scancel');
  });
});

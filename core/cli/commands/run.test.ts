/**
 * `bench run` as a user's process: killed with SIGKILL mid-run, then finished with --resume; stopped
 * with SIGINT or SIGTERM while two workers train. The CLI runs from the sources through ts-node (no build
 * needed); BENCH_TRAIN_LIMIT / BENCH_TEST_LIMIT keep each trial well under a second.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readResults } from '../../results/document';
import { readTrialLog } from '../../results/trial-log';
import { memoryIO } from '../io';
import { main } from '../main';

const ROOT = path.resolve(__dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-run-'));
const env = { ...process.env, BENCH_TRAIN_LIMIT: '384', BENCH_TEST_LIMIT: '200', BENCH_DATA_DIR: path.join(tmp, 'no-data') };
const suiteFile = path.join(tmp, 'six.json');
fs.writeFileSync(
  suiteFile,
  JSON.stringify({
    name: 'six',
    models: ['lenet5'],
    datasets: ['mnist'],
    optimizers: [
      { name: 'sgd', params: { lr: 0.05 } },
      { name: 'adam', params: { lr: 0.002 } },
    ],
    seeds: [1, 2, 3],
    epochs: 1,
    batchSize: 64,
  }),
);

/** `bench ...` in a child process, from the TypeScript sources. */
function benchProcess(...args: string[]): { child: ChildProcess; stderr: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), '-e', "require('./core/cli/main').main(process.argv.slice(1)).then((c) => { process.exitCode = c; })", ...args],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  child.stdout!.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  return { child, stderr: () => err, exit };
}

/** Resolves once `file` has at least `lines` complete lines. */
async function waitForLines(file: string, lines: number, exit: Promise<unknown>): Promise<void> {
  let exited = false;
  void exit.then(() => (exited = true));
  for (;;) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').split('\n').length - 1 >= lines) return;
    if (exited) throw new Error(`the run exited before ${file} had ${lines} lines`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('bench run as a process', () => {
  it('killed with SIGKILL mid-run leaves valid files; --resume completes the set and keeps what was done', async () => {
    const out = path.join(tmp, 'killed.json');
    const run = benchProcess('run', suiteFile, '--backend', 'wasm', '--workers', '1', '--out', out);
    await waitForLines(`${out}.trials.jsonl`, 2, run.exit); // header + one trial
    run.child.kill('SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');

    const partial = readResults(out); // parses and matches the schema
    const log = readTrialLog(`${out}.trials.jsonl`);
    expect(partial.complete).toBe(false);
    expect(log.records.length).toBeGreaterThanOrEqual(1);
    expect(log.records.length).toBeLessThan(6);
    // The document lags the log by at most the trial being written when the kill came.
    expect(log.records.slice(0, partial.trials.length).map((r) => r.id)).toEqual(partial.trials.map((t) => t.id));
    expect(log.records.length - partial.trials.length).toBeLessThanOrEqual(1);

    const io = memoryIO();
    const saved = { train: process.env.BENCH_TRAIN_LIMIT, test: process.env.BENCH_TEST_LIMIT };
    const restore = (k: 'BENCH_TRAIN_LIMIT' | 'BENCH_TEST_LIMIT', v: string | undefined) => (v === undefined ? delete process.env[k] : (process.env[k] = v));
    process.env.BENCH_TRAIN_LIMIT = env.BENCH_TRAIN_LIMIT;
    process.env.BENCH_TEST_LIMIT = env.BENCH_TEST_LIMIT;
    let code: number;
    try {
      code = await main(['run', '--resume', out, '--workers', '1', '--data-dir', env.BENCH_DATA_DIR], io);
    } finally {
      restore('BENCH_TRAIN_LIMIT', saved.train);
      restore('BENCH_TEST_LIMIT', saved.test);
    }
    expect(io.stderr.join('\n')).toContain(`resuming ${out}: ${log.records.length} of 6 trials already done`);
    // The killed run's lock names a pid that no longer runs on this host: taken over, then released.
    expect(io.stderr.join('\n')).toContain(`note: ${out}.lock was left by pid ${run.child.pid} on ${os.hostname()}`);
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
    expect(code).toBe(0);
    const done = readResults(out) as ReturnType<typeof readResults> & { run: { resumedTrials: string[]; suiteTrials: string[] } };
    expect(done.complete).toBe(true);
    expect(done.trials.map((t) => t.id)).toEqual(done.run.suiteTrials);
    expect(done.trials).toHaveLength(6);
    expect(done.run.resumedTrials).toEqual(log.records.map((r) => r.id));
    for (const r of log.records) expect(done.trials.find((t) => t.id === r.id)).toEqual(r);
    const finalLog = readTrialLog(`${out}.trials.jsonl`);
    expect(new Set(finalLog.records.map((r) => r.id))).toEqual(new Set(done.run.suiteTrials));
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s with 2 workers: exit %i, a valid incomplete document, no worker left behind', async (signal, exitCode) => {
    const out = path.join(tmp, `interrupted-${signal}.json`);
    const run = benchProcess('run', suiteFile, '--backend', 'wasm', '--workers', '2', '--out', out);
    await waitForLines(`${out}.trials.jsonl`, 2, run.exit);
    const workers = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(run.child.pid);
        } catch {
          return false;
        }
      })
      .map(Number);
    run.child.kill(signal);
    const { code } = await run.exit;
    expect(code).toBe(exitCode);
    expect(run.stderr()).toContain(`${signal}: stopping`);
    expect(run.stderr()).toMatch(new RegExp(`stopped by ${signal}: \\d of 6 trials done; ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is valid and marked incomplete`));
    const doc = readResults(out);
    expect(fs.existsSync(`${out}.lock`)).toBe(false); // released on the way out
    expect(doc.complete).toBe(false);
    expect(doc.trials.length).toBeGreaterThanOrEqual(1);
    expect(doc.trials.length).toBeLessThan(6);
    const logged = readTrialLog(`${out}.trials.jsonl`).records.map((r) => r.id);
    expect(new Set(logged)).toEqual(new Set(doc.trials.map((t) => t.id)));
    expect(logged).toHaveLength(doc.trials.length);
    if (process.platform === 'linux') {
      expect(workers).toHaveLength(2);
      expect(workers.filter(alive)).toEqual([]);
    }
  });
});

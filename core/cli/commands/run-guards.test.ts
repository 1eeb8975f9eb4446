/**
 * What `bench run` refuses to do to a results file: load plugin code named by the file itself when it is
 * resumed without the suite, and write the file while another bench process is writing it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, smallMnist, tempWriter } from '../../../test/helpers';
import { DATASETS } from '../../data';

const { dir: tmp, write } = tempWriter('bench-run-guards-');
DATASETS['mnist-guards'] = { name: 'mnist-guards', summary: 'test', load: () => ({ ...smallMnist(96, 32), name: 'mnist-guards' }) };
const tiny = { models: ['linear-784'], datasets: ['mnist-guards'], seeds: [1], epochs: 1, batchSize: 32 };
const run = (...argv: string[]) => cli('run', '--backend', 'wasm', '--workers', '1', ...argv);

/** A plugin module that appends a line to `marker` whenever it is loaded. */
function pluginModule(file: string, name: string, marker: string): string {
  return write(
    file,
    `require('fs').appendFileSync(${JSON.stringify(marker)}, 'loaded\\n');
     module.exports = { default: { name: '${name}', kind: 'optimizer', summary: 'plain gradient steps', params: { type: 'object', properties: { lr: { type: 'number', default: 0.05 } } },
       init: () => ({}), update: (g, w, s, t, lr) => ({ weight: w.sub(g.mul(lr)), slots: {} }) } };`,
  );
}

describe('bench run --resume FILE without the suite loads no code named in FILE', () => {
  it('a trial log naming a plugin module: exit 2 naming it, and the module is never loaded', async () => {
    const marker = path.join(tmp, 'evil-loaded');
    pluginModule('evil.js', 'evil', marker);
    const log = write(
      'planted.json.trials.jsonl',
      `${JSON.stringify({
        kind: 'header',
        format: 1,
        createdAt: '2024-01-01T00:00:00.000Z',
        suite: { name: 'planted', file: path.join(tmp, 'planted-suite.json'), spec: { name: 'planted', plugins: ['./evil.js', 'some-package'], optimizers: ['evil'], ...tiny } },
        plannedTrials: ['0123456789ab-s1'],
        shard: null,
        code: { version: '0.1.0', gitCommit: null, hash: '0123456789abcdef' },
        backend: 'wasm',
      })}\n`,
    );
    const r = await run('--resume', log);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `bench: --resume ${log}: its suite loads plugin modules (./evil.js, some-package), and bench does not run code named by a results file: ` +
        `pass the suite again (bench run SUITE --resume ${log}), or add --trust-plugins to load them`,
    );
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('resumes with the suite given again, or with --trust-plugins', async () => {
    const marker = path.join(tmp, 'mine-loaded');
    pluginModule('mine.js', 'mine', marker);
    const suite = write('mine.json', { name: 'mine', plugins: ['./mine.js'], optimizers: ['mine'], ...tiny });
    const out = path.join(tmp, 'mine-results.json');
    expect((await run(suite, '--out', out)).code).toBe(0);
    const before = fs.readFileSync(out, 'utf8');

    const refused = await run('--resume', out);
    expect([refused.code, refused.err]).toEqual([2, expect.stringContaining(`bench: --resume ${out}: its suite loads plugin modules (./mine.js), and bench does not run code`)]);
    expect(fs.readFileSync(out, 'utf8')).toBe(before);

    const trusted = await run('--resume', out, '--trust-plugins');
    expect(trusted.code).toBe(0);
    expect(trusted.err).toContain(`resuming ${out}: 1 of 1 trials already done`);
    const again = await run(suite, '--resume', out);
    expect(again.code).toBe(0);
    expect(again.err).toContain(`resuming ${out}: 1 of 1 trials already done`);
  });
});

describe('one writer per results file: <out>.lock', () => {
  const suite = write('plain.json', { name: 'plain', optimizers: [{ name: 'sgd', params: { lr: 0.05 } }], ...tiny });
  const lockOf = (out: string, holder: { pid: number; hostname: string; startedAt: string }) => fs.writeFileSync(`${out}.lock`, `${JSON.stringify(holder)}\n`);
  const since = '2024-05-01T12:00:00.000Z';

  it('a live holder on this host: a second run or resume exits 2 naming it, and writes nothing', async () => {
    const out = path.join(tmp, 'held.json');
    lockOf(out, { pid: process.pid, hostname: os.hostname(), startedAt: since });
    const r = await run(suite, '--out', out);
    expect([r.code, r.err]).toEqual([2, `bench: ${out} is being written by pid ${process.pid} on ${os.hostname()} (since ${since}); wait for that run to end, or choose another --out`]);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.trials.jsonl`)).toBe(false);

    fs.rmSync(`${out}.lock`);
    expect((await run(suite, '--out', out)).code).toBe(0);
    expect(fs.existsSync(`${out}.lock`)).toBe(false); // released at the end
    const before = fs.readFileSync(`${out}.trials.jsonl`, 'utf8');
    lockOf(out, { pid: process.pid, hostname: os.hostname(), startedAt: since });
    const resumed = await run('--resume', out);
    expect(resumed.code).toBe(2);
    expect(resumed.err).toContain(`bench: ${out} is being written by pid ${process.pid}`);
    expect(fs.readFileSync(`${out}.trials.jsonl`, 'utf8')).toBe(before);
  });

  it('a lock left by a dead process on this host is taken over with a note, and released after the run', async () => {
    const out = path.join(tmp, 'stale.json');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    lockOf(out, { pid: dead, hostname: os.hostname(), startedAt: since });
    const r = await run(suite, '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`note: ${out}.lock was left by pid ${dead} on ${os.hostname()} (since ${since}), which is no longer running; taking it over`);
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
  });

  it('a lock from another host: exit 2, saying how to remove it', async () => {
    const out = path.join(tmp, 'remote.json');
    lockOf(out, { pid: 4242, hostname: 'node-17.cluster', startedAt: since });
    const r = await run(suite, '--out', out);
    expect([r.code, r.err]).toEqual([
      2,
      `bench: ${out} is locked by pid 4242 on node-17.cluster (since ${since}), which bench cannot check from ${os.hostname()}; ` +
        `if no bench runs there any more, delete ${out}.lock`,
    ]);
    expect(fs.existsSync(`${out}.lock`)).toBe(true);
  });

  it('the lock is released when the run stops on an error', async () => {
    const out = path.join(tmp, 'error.json');
    expect((await run(suite, '--out', out)).code).toBe(0);
    const r = await run('--resume', out, '--shard', '1/2'); // refused inside the runner, after the lock is taken
    expect(r.code).toBe(2);
    expect(r.err.split('\n').pop()).toBe(`bench: --shard 1/2: ${out} was run as the whole suite`);
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
  });
});

/**
 * The CLI's entry, in-process: help with examples, exit 2 for unknown commands and options before any command
 * runs, and a short real run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, smallMnist, tempWriter } from '../../test/helpers';
import { DATASETS } from '../data';
import { readResults } from '../results/document';

const { dir: tmp, write } = tempWriter('bench-cli-');

// A small real dataset, registered for these tests only.
DATASETS['mnist-tiny'] = { name: 'mnist-tiny', summary: 'test', load: () => ({ ...smallMnist(384, 200), name: 'mnist-tiny' }) };

describe('bench CLI', () => {
  it('prints help with examples and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('bench run [suite]');
    expect(r.out).toContain('Exit codes: 0 ok, 1 a trial failed, 2 bad input.');
  });

  it('exits 2 on an unknown command or option, without a stack trace', async () => {
    const a = await cli('frobnicate');
    expect(a.code).toBe(2);
    const b = await cli('list', '--no-such-option');
    expect(b.code).toBe(2);
    expect(b.err).toContain('Unknown argument');
    expect(a.err + b.err).not.toMatch(/\n\s+at /);
  });

  it('a usage error (unknown option, value not among the choices, missing argument) stops before the command runs', async () => {
    const unknown = await cli('list', '--bogus-flag');
    expect([unknown.code, unknown.out, unknown.err]).toEqual([2, '', 'bench: Unknown arguments: bogus-flag, bogusFlag']);
    const choice = await cli('perf', '--backend', 'gpu');
    expect([choice.code, choice.out]).toEqual([2, '']);
    expect(choice.err).toBe('bench: Invalid values:\n  Argument: backend, Given: "gpu", Choices: "auto", "tensorflow", "wasm", "cpu"');
    const action = await cli('data', 'bogus');
    expect([action.code, action.err]).toEqual([2, 'bench: Invalid values:\n  Argument: action, Given: "bogus", Choices: "list", "fetch", "verify"']);
    const missing = await cli('trajectory');
    expect([missing.code, missing.err]).toEqual([2, 'bench: Missing required argument: optimizer']);
  });

  it('validates a suite: 0 with the trial count, 2 with every problem named', async () => {
    const good = write('good.json', { name: 'g', models: ['lenet5'], datasets: ['mnist'], optimizers: ['sgd', 'adam'], seeds: [1, 2], epochs: 1 });
    const ok = await cli('validate', good);
    expect(ok.code).toBe(0);
    expect(ok.out).toBe(`${good}: valid suite "g": 2 configurations x 2 seeds = 4 trials`);
    const bad = write('bad.json', { name: 'g', models: ['lenet5'], datasets: ['mnist'], optimizers: [{ name: 'adam', params: { lr: 0 } }], seeds: [1], epochs: 1 });
    const r = await cli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`bench: ${bad}: not a valid suite (1 problem)\n  $.optimizers[0].params.lr: must be > 0`);
    const notJson = await cli('validate', write('nj.json', '{"name": }'));
    expect(notJson.code).toBe(2);
    expect(notJson.err).toMatch(/nj\.json: not valid JSON at line 1, column 10/);
  });

  it('lists plugins with their defaults, as text and JSON', async () => {
    const r = await cli('list', 'optimizers', '--json');
    expect(r.code).toBe(0);
    const adam = JSON.parse(r.out).entries.find((e: { name: string }) => e.name === 'adam');
    expect(adam.params).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'betas', default: [0.9, 0.999] })]));
    const text = await cli('list', 'optimizer');
    expect(text.out).toMatch(/lr \(number, default 0\.001\)/);
    expect((await cli('list', 'optimisers')).code).toBe(2);
  });

  it('runs a suite end to end: ranked table, valid results file, no overwrite without --force', async () => {
    const suite = write('run.json', {
      name: 'tiny',
      models: ['lenet5'],
      datasets: ['mnist-tiny'],
      optimizers: [{ name: 'adam', params: { lr: 0.003 } }, { name: 'sgd', params: { lr: 1e12 } }],
      seeds: [1, 2],
      epochs: 1,
      batchSize: 32,
    });
    const out = path.join(tmp, 'results', 'tiny.json');
    fs.mkdirSync(path.dirname(out)); // the folder of --out must exist (bench creates only its default results/)
    const r = await cli('run', suite, '--backend', 'wasm', '--out', out, '--workers', '1');
    if (r.code !== 0) throw new Error(r.err);
    expect(r.code).toBe(0);
    expect(r.err).toContain('backend: wasm');
    // Two seeds: the range, not an interval (docs/statistics.md).
    expect(r.out).toMatch(/│\s+1 │ adam\(lr=0\.003\)\s+│\s+\d+\.\d\d ± \d+\.\d\d │\s+range \d+\.\d\d–\d+\.\d\d │ 2\/2 │/);
    expect(r.out).toMatch(/│\s+2 │ sgd\(lr=1000000000000\)\s+│\s+— │\s+— │ 0\/2 │.*2 diverged/);
    const doc = readResults(out);
    expect(doc.complete).toBe(true);
    expect(doc.trials.map((t) => t.status)).toEqual(['ok', 'ok', 'diverged', 'diverged']);
    expect(doc.environment.backend.name).toBe('wasm');
    expect(doc.datasets[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.ranking[0]!.testAccuracy!.n).toBe(2);

    const again = await cli('run', suite, '--backend', 'wasm', '--out', out);
    expect(again.code).toBe(2);
    expect(again.err).toBe(`bench: ${out} exists; pass --force to overwrite it or --out to choose another file`);
  });
});

/**
 * The rows of the README's "Errors" table that no other test file covers: each bad input or fault,
 * the message a user sees and the exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATASETS } from '../core/data';
import { readResults } from '../core/results/document';
import { cli, smallMnist, tempWriter } from './helpers';

const { dir: tmp, write } = tempWriter('bench-errors-');
const base = { name: 'e', models: ['lenet5'], datasets: ['mnist'], optimizers: ['sgd'], seeds: [1], epochs: 1 };

DATASETS['mnist-errors'] = { name: 'mnist-errors', summary: 'test', load: () => ({ ...smallMnist(128, 50), name: 'mnist-errors' }) };

describe('errors a user sees', () => {
  it('unknown dataset, with a suggestion: exit 2', async () => {
    const r = await cli('validate', write('ds.json', { ...base, datasets: ['fashion-mnst'] }));
    expect(r.code).toBe(2);
    expect(r.err).toContain('$.datasets[0]: unknown dataset "fashion-mnst" (did you mean "fashion-mnist"?)');
  });

  it('dropout rate outside [0, 1) and epochs < 1: exit 2, all at once', async () => {
    const r = await cli('validate', write('rate.json', { ...base, epochs: 0, regularizers: [[{ name: 'dropout', params: { rate: 1 } }]] }));
    expect(r.code).toBe(2);
    expect(r.err).toContain('$.epochs: must be >= 1');
    expect(r.err).not.toMatch(/\n\s+at /);
    const r2 = await cli('validate', write('rate2.json', { ...base, regularizers: [[{ name: 'dropout', params: { rate: 1 } }]] }));
    expect(r2.err).toContain('$.regularizers[0][0].params.rate: must be < 1');
  });

  it('a batch larger than the data, before any training and without a results file: exit 2', async () => {
    const out = path.join(tmp, 'never.json');
    const r = await cli('run', write('big.json', { ...base, datasets: ['mnist-errors'], batchSize: 5000 }), '--workers', '1', '--backend', 'wasm', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('$.batchSize: 5000 is larger than the 115 training images of mnist-small-128-50 left after the validation split');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a trial that throws is recorded as failed, the others run, and the exit code is 1', async () => {
    write(
      'exploding.js',
      `const sgd = { name: 'exploding', kind: 'optimizer', summary: 'throws on step 2', params: { type: 'object', properties: { lr: { type: 'number', default: 0.1 } } },
        init: () => ({}), update: (g, w, s, t, lr) => { if (t === 2) throw new Error('exploded at step 2'); return { weight: w.sub(g.mul(lr)), slots: {} }; } };
       module.exports = { default: sgd };`,
    );
    const out = path.join(tmp, 'failed.json');
    const suite = write('fail.json', { ...base, datasets: ['mnist-errors'], plugins: ['./exploding.js'], optimizers: ['exploding', { name: 'sgd', params: { lr: 0.05 } }], batchSize: 32 });
    const r = await cli('run', suite, '--workers', '1', '--backend', 'wasm', '--out', out);
    expect(r.code).toBe(1);
    const doc = readResults(out);
    expect(doc.trials.map((t) => [t.optimizer.name, t.status, t.status === 'failed' ? t.error : undefined])).toEqual([
      ['exploding', 'failed', 'exploded at step 2'],
      ['sgd', 'ok', undefined],
    ]);
    expect(doc.complete).toBe(true);
  });

  it('a truncated results file given to report or compare: exit 2 with the reason', async () => {
    const bad = write('truncated.json', '{"schemaVersion": 1, "tool": {');
    for (const argv of [['report', bad], ['compare', bad, bad]]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${bad}: not valid JSON at line 1, column 31`);
    }
  });
});

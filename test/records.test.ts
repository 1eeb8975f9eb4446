/**
 * Issue 17, "Trustworthy numbers": every results file bench writes validates, with `bench validate
 * --results` and with its own schema after a JSON round trip; a non-finite metric is a divergence.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATASETS } from '../core/data';
import { resultsProblems } from '../core/results/document';
import { cli, smallMnist, tempWriter } from './helpers';

const { dir: tmp, write } = tempWriter('bench-records-');

DATASETS['mnist-records'] = { name: 'mnist-records', summary: 'test', load: () => ({ ...smallMnist(256, 100), name: 'mnist-records' }) };

describe('a loss that is finite in training but not on validation or test', () => {
  it('full-batch sgd at lr 1e30: diverged where the validation loss was seen, and the file validates', async () => {
    const suite = write('blowup.json', {
      name: 'blowup',
      models: ['lenet5'],
      datasets: ['mnist-records'],
      optimizers: [{ name: 'sgd', params: { lr: 1e30 } }],
      seeds: [1],
      epochs: 1,
      batchSize: 'full',
    });
    const out = path.join(tmp, 'blowup.results.json');
    const r = await cli('run', suite, '--backend', 'wasm', '--workers', '1', '--out', out);
    expect(r.err).not.toContain('internal error');
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    const doc = JSON.parse(text);
    expect(resultsProblems(doc)).toEqual([]);
    const v = await cli('validate', '--results', out);
    expect([v.code, v.err]).toEqual([0, '']);
    const t = doc.trials[0];
    expect(t.status).toBe('diverged');
    expect(t.final).toBeUndefined();
    expect(t.history).toEqual([]);
    expect(t.divergence).toEqual({ epoch: 1, where: 'validation', metric: 'loss', value: 'NaN' });
    expect(r.err).toContain('[1/1] sgd(lr=1e+30) seed 1: diverged at epoch 1 (validation loss NaN)');
  });
});

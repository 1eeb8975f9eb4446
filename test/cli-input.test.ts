/**
 * Bad command-line input is exit 2 with a message naming the option, before any work: hyper-parameter
 * rules (sgd's Nesterov settings), --threads, and output paths in folders that are missing, not folders,
 * or not writable. Tests run as root, for whom a read-only folder is writable: the unwritable case is
 * a folder no one can create files in (/proc).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATASETS } from '../core/data';
import { cli, smallMnist, tempWriter } from './helpers';

const { dir: tmp, write } = tempWriter('bench-cli-input-');
const RESULTS = path.join(__dirname, 'fixtures', 'results-small.json');
const NESTEROV = 'Nesterov momentum requires a momentum and zero dampening';

DATASETS['mnist-cli-input'] = { name: 'mnist-cli-input', summary: 'test', load: () => ({ ...smallMnist(96, 32), name: 'mnist-cli-input' }) };
const suite = write('tiny.json', { name: 'tiny', models: ['linear-784'], datasets: ['mnist-cli-input'], optimizers: [{ name: 'sgd', params: { lr: 0.05 } }], seeds: [1], epochs: 1, batchSize: 32 });
const aFile = write('a-file.txt', 'not a folder');
const missing = path.join(tmp, 'no', 'such');

describe("sgd's Nesterov settings are checked as torch.optim.SGD checks them", () => {
  it('bench validate: exit 2 with the JSON path and torch\'s message', async () => {
    const s = write('nesterov.json', {
      name: 'n',
      models: ['lenet5'],
      datasets: ['mnist'],
      optimizers: [{ name: 'sgd', params: { lr: 0.1, nesterov: true } }, { name: 'sgd', params: { momentum: 0.9, dampening: 0.1, nesterov: true } }, { name: 'sgd', params: { momentum: 0.9, nesterov: true } }],
      seeds: [1],
      epochs: 1,
    });
    const r = await cli('validate', s);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`bench: ${s}: not a valid suite (2 problems)\n  $.optimizers[0].params: ${NESTEROV}\n  $.optimizers[1].params: ${NESTEROV}`);
  });

  it('bench trajectory --params: exit 2, nothing printed', async () => {
    const r = await cli('trajectory', '--optimizer', 'sgd', '--params', '{"nesterov":true,"momentum":0}', '--function', 'quadratic', '--steps', '2');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`bench: invalid hyper-parameters for "sgd":\n  --params: ${NESTEROV}`);
    expect(r.out).toBe('');
  });
});

describe('--threads takes whole numbers >= 1 only', () => {
  const commands: Record<string, string[]> = {
    run: ['run', suite, '--backend', 'cpu', '--workers', '1', '--out', path.join(tmp, 'threads.json'), '--force'],
    perf: ['perf', '--model', 'linear-784', '--steps', '2', '--batch', '8', '--backend', 'cpu'],
    micro: ['micro', '--optimizer', 'sgd', '--time', '1', '--iterations', '2', '--backend', 'cpu'],
    backends: ['backends'],
  };
  for (const [name, argv] of Object.entries(commands)) {
    it(`bench ${name}: 0, -2 and 1.5 are exit 2 before any work`, async () => {
      for (const bad of ['0', '-2', '1.5']) {
        const r = await cli(...argv, `--threads=${bad}`);
        expect([r.code, r.err]).toEqual([2, `bench: --threads: expected a whole number >= 1, found ${bad}`]);
        expect(r.out).toBe('');
      }
    });
  }

  it('bench run --workers is checked the same way', async () => {
    const r = await cli('run', suite, '--backend', 'cpu', '--workers', '0', '--out', path.join(tmp, 'workers.json'));
    expect([r.code, r.err]).toEqual([2, 'bench: --workers: expected a whole number >= 1, found 0']);
  });
});

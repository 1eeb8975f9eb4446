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

describe('an output path that cannot be written is bad input: exit 2 with the path and the reason, before any work', () => {
  const reasons = {
    missing: (opt: string, file: string) => `bench: ${opt} ${file}: folder ${path.dirname(file)} does not exist (ENOENT)`,
    notAFolder: (opt: string, file: string) => `bench: ${opt} ${file}: ${aFile} is not a folder (ENOTDIR)`,
  };

  it('bench trajectory --svg in a missing folder, under a regular file, in /proc', async () => {
    const base = ['trajectory', '--optimizer', 'sgd', '--function', 'quadratic', '--steps', '2'];
    const svg = path.join(missing, 'x.svg');
    let r = await cli(...base, '--svg', svg);
    expect([r.code, r.err, r.out]).toEqual([2, reasons.missing('--svg', svg), '']);
    r = await cli(...base, '--svg', path.join(aFile, 'x.svg'));
    expect([r.code, r.err]).toEqual([2, reasons.notAFolder('--svg', path.join(aFile, 'x.svg'))]);
    r = await cli(...base, '--svg', path.join(aFile, 'deeper', 'x.svg'));
    expect([r.code, r.err]).toEqual([2, reasons.notAFolder('--svg', path.join(aFile, 'deeper', 'x.svg'))]);
    if (process.platform === 'linux') {
      r = await cli(...base, '--svg', '/proc/bench-x.svg');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^bench: --svg \/proc\/bench-x\.svg: cannot create files in folder \/proc \((EACCES|ENOENT|EROFS|EPERM)\)$/);
    }
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('bench report --out and --svg-dir', async () => {
    const md = path.join(missing, 'r.md');
    let r = await cli('report', RESULTS, '-f', 'markdown', '--out', md);
    expect([r.code, r.err, r.out]).toEqual([2, reasons.missing('--out', md), '']);
    r = await cli('report', RESULTS, '-f', 'csv', '--out', path.join(aFile, 'r.csv'));
    expect([r.code, r.err]).toEqual([2, reasons.notAFolder('--out', path.join(aFile, 'r.csv'))]);
    r = await cli('report', RESULTS, '-f', 'markdown', '--out', tmp);
    expect([r.code, r.err]).toEqual([2, `bench: --out ${tmp}: is a folder, not a file`]);
    const svgDir = path.join(aFile, 'figures');
    r = await cli('report', RESULTS, '--svg-dir', svgDir);
    expect([r.code, r.err]).toEqual([2, `bench: --svg-dir ${svgDir}: ${aFile} is not a folder (ENOTDIR)`]);
    r = await cli('report', RESULTS, '--svg-dir', aFile);
    expect([r.code, r.err]).toEqual([2, `bench: --svg-dir ${aFile}: is a file, not a folder`]);
    if (process.platform === 'linux') {
      r = await cli('report', RESULTS, '-f', 'markdown', '--out', '/proc/bench-r.md');
      expect(r.err).toMatch(/^bench: --out \/proc\/bench-r\.md: cannot create files in folder \/proc \(\w+\)$/);
      expect(r.code).toBe(2);
    }
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('bench report --svg-dir may name a new folder (bench creates it) in one that exists', async () => {
    const svgDir = path.join(tmp, 'figures', 'new');
    const r = await cli('report', RESULTS, '--svg-dir', svgDir);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(svgDir).filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(0);
  });

  it('bench run --out and --cache-dir: before training, no file written', async () => {
    const out = path.join(missing, 'r.json');
    let r = await cli('run', suite, '--backend', 'cpu', '--workers', '1', '--out', out);
    expect([r.code, r.err, r.out]).toEqual([2, reasons.missing('--out', out), '']);
    r = await cli('run', suite, '--backend', 'cpu', '--workers', '1', '--out', path.join(aFile, 'r.json'));
    expect([r.code, r.err]).toEqual([2, reasons.notAFolder('--out', path.join(aFile, 'r.json'))]);
    const ok = path.join(tmp, 'cached.json');
    r = await cli('run', suite, '--backend', 'cpu', '--workers', '1', '--out', ok, '--cache-dir', path.join(aFile, 'cache'));
    expect([r.code, r.err]).toEqual([2, `bench: --cache-dir ${path.join(aFile, 'cache')}: ${aFile} is not a folder (ENOTDIR)`]);
    expect(fs.existsSync(ok)).toBe(false);
    expect(fs.existsSync(`${ok}.trials.jsonl`)).toBe(false);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('bench merge --out and bench micro --out', async () => {
    const merged = path.join(missing, 'all.json');
    let r = await cli('merge', RESULTS, '--out', merged);
    expect([r.code, r.err, r.out]).toEqual([2, reasons.missing('--out', merged), '']);
    const micro = path.join(missing, 'micro.json');
    r = await cli('micro', '--optimizer', 'sgd', '--time', '1', '--iterations', '2', '--backend', 'cpu', '--out', micro);
    expect([r.code, r.err, r.out]).toEqual([2, reasons.missing('--out', micro), '']);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('bench data fetch --data-dir under a regular file: exit 2 before any download', async () => {
    const r = await cli('data', 'fetch', 'mnist', '--data-dir', path.join(aFile, 'data'));
    expect([r.code, r.err]).toEqual([2, `bench: --data-dir ${path.join(aFile, 'data')}: ${aFile} is not a folder (ENOTDIR)`]);
  });
});

describe('numbers JSON cannot hold are refused in a suite', () => {
  it('1e999 in a suite file (JSON.parse reads Infinity) and in --set: exit 2 with the JSON path', async () => {
    const s = write('infinite.json', '{"name": "i", "models": ["linear-784"], "datasets": ["mnist-cli-input"], "optimizers": [{"name": "sgd", "params": {"lr": 1e999}}], "seeds": [1], "epochs": 1}');
    const a = await cli('validate', s);
    expect(a.code).toBe(2);
    expect(a.err).toContain('$.optimizers[0].params.lr: must be a finite number (JSON has no Infinity)');
    const b = await cli('run', suite, '--set', 'optimizer.sgd.lr=1e999', '--backend', 'cpu', '--out', path.join(tmp, 'inf.json'));
    expect(b.code).toBe(2);
    expect(b.err).toContain('$.optimizers[0].params.lr: must be a finite number (JSON has no Infinity)');
    expect(fs.existsSync(path.join(tmp, 'inf.json'))).toBe(false);
  });
});

/**
 * From a command line's request to a run that can start (core/run/prepare.ts): where the suite, the
 * results file and the backend come from when a run is resumed, and what is refused before any work.
 * Nothing trains here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inputErrorOf, tempWriter } from '../../test/helpers';
import { holdResultsFile, prepareRun } from './prepare';

const { dir: tmp, write } = tempWriter('bench-prepare-');
const spec = { name: 'tiny', models: ['linear-784'], datasets: ['mnist'], optimizers: [{ name: 'sgd', params: { lr: 0.05 } }], seeds: [1], epochs: 1, batchSize: 32 };
const suiteFile = write('tiny.json', spec);

/** An interrupted run that only got as far as its trial log's header, on `backend`. */
function interrupted(name: string, backend: string): string {
  write(
    `${name}.trials.jsonl`,
    `${JSON.stringify({
      kind: 'header',
      format: 1,
      createdAt: '2024-01-01T00:00:00.000Z',
      suite: { name: 'tiny', file: suiteFile, spec },
      plannedTrials: ['0123456789ab-s1'],
      shard: null,
      code: { version: '0.1.0', gitCommit: null, hash: '0123456789abcdef' },
      backend,
    })}\n`,
  );
  return path.join(tmp, name);
}

describe('prepareRun', () => {
  it('a new run: the suite with its --set overrides, --out, the backend asked for, the shard', () => {
    const out = path.join(tmp, 'new.json');
    const p = prepareRun({ suite: suiteFile, set: ['epochs=3'], out, backend: 'cpu', shard: '2/3' });
    expect([p.suite.spec.epochs, p.out, p.backend, p.shard, p.resume]).toEqual([3, out, 'cpu', { index: 2, count: 3 }, undefined]);
  });

  it('without --out: results/<suite>-<time>[-shard<i>of<n>].json under the current folder, created', () => {
    const cwd = process.cwd();
    const here = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prepare-cwd-'));
    process.chdir(here);
    try {
      const p = prepareRun({ suite: suiteFile, backend: 'wasm', shard: '1/2' });
      expect(p.out).toMatch(/^results\/tiny-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-shard1of2\.json$/);
      expect(fs.statSync(path.join(here, 'results')).isDirectory()).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('--resume: writes back to the file it names, takes its suite, and its backend when asked for auto', () => {
    const file = interrupted('wasm-run.json', 'wasm');
    const p = prepareRun({ resume: `${file}.trials.jsonl`, backend: 'auto' });
    expect([p.out, p.backend, p.suite.file, p.suite.spec.optimizers, p.resume?.file, p.shard]).toEqual([file, 'wasm', suiteFile, spec.optimizers, file, undefined]);
    expect(prepareRun({ resume: file, backend: 'cpu' }).backend).toBe('cpu'); // asked for: the runner then refuses the mismatch
    expect(prepareRun({ resume: file, out: file, suite: suiteFile, backend: 'auto' }).out).toBe(file);
  });

  it('refuses what cannot mix with --resume, and a run without a suite', () => {
    const file = interrupted('refused.json', 'wasm');
    const other = path.join(tmp, 'other.json');
    expect(inputErrorOf(() => prepareRun({ resume: file, out: other, backend: 'auto' }))).toBe(`--out ${other}: a resumed run writes back to ${file}; leave --out out`);
    expect(inputErrorOf(() => prepareRun({ resume: file, set: ['epochs=2'], backend: 'auto' }))).toBe('--set: a resumed run keeps the suite it was started with; leave --set out');
    expect(inputErrorOf(() => prepareRun({ backend: 'auto' }))).toBe('name a suite file, or --resume FILE to finish an interrupted run');
    expect(inputErrorOf(() => prepareRun({ suite: suiteFile, out: path.join(tmp, 'x.json'), cacheDir: suiteFile, backend: 'auto' }))).toBe(`--cache-dir ${suiteFile}: is a file, not a folder`);
  });
});

describe('holdResultsFile', () => {
  it('an existing results file without --force: refused, and the lock is not left behind', () => {
    const out = write('exists.json', '{}');
    const p = prepareRun({ suite: suiteFile, out, backend: 'wasm' });
    expect(inputErrorOf(() => holdResultsFile(p, { force: false }))).toBe(`${out} exists; pass --force to overwrite it or --out to choose another file`);
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
    const lock = holdResultsFile(p, { force: true });
    expect(fs.existsSync(`${out}.lock`)).toBe(true);
    lock.release();
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
  });
});

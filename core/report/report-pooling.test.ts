/**
 * `bench report A.json B.json` pools the trials of several files: it refuses trials of one dataset on
 * different data (dataset ids), warns when the files ran on different backends or code, and every
 * format says what was pooled.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryIO } from '../cli/io';
import { main } from '../cli/main';

const ROOT = path.join(__dirname, '..', '..');
const fixture = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/results-small.json'), 'utf8'));
const code = (hash: string) => ({ code: { version: '0.1.0', gitCommit: null, hash }, suiteTrials: [], plannedTrials: [], shard: null, workers: 1 });

let dir: string;
let a: string;
let b: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pooling-'));
  a = path.join(dir, 'a.json');
  b = path.join(dir, 'b.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes the fixture's first 6 trials to a.json and the other 6 to b.json, `edit` applied to b's document. */
function split(edit: (doc: ReturnType<typeof fixture>) => void = () => {}): void {
  const doc = fixture();
  fs.writeFileSync(a, JSON.stringify({ ...doc, run: code('aaaaaaaaaaaaaaaa'), trials: doc.trials.slice(0, 6) }));
  const other = { ...fixture(), run: code('aaaaaaaaaaaaaaaa'), trials: doc.trials.slice(6) };
  edit(other);
  fs.writeFileSync(b, JSON.stringify(other));
}

async function report(...args: string[]) {
  const io = memoryIO();
  const exit = await main(['report', a, b, ...args], io);
  return { exit, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('bench report over several files', () => {
  it('refuses a dataset whose trials are on different data (dataset ids), naming the files and the ids (exit 2)', async () => {
    split((doc) => {
      for (const t of doc.trials) t.dataset.id = 'mnist-60000';
    });
    const r = await report();
    expect(r.exit).toBe(2);
    expect(r.err).toBe(
      `bench: mixed datasets: mnist is mnist-subset-6309 in ${a} and mnist-60000 in ${b}; trials on different data do not rank together: report them separately`,
    );
    expect(r.out).toBe('');
  });

  it('warns on stderr when the files ran on different backends or code, and still reports', async () => {
    split((doc) => {
      doc.environment.backend = { ...doc.environment.backend, name: 'tensorflow', package: '@tensorflow/tfjs-node', tensorflow: '2.21.0' };
      doc.run = code('bbbbbbbbbbbbbbbb');
    });
    const r = await report();
    expect(r.exit).toBe(0);
    expect(r.err.split('\n')).toEqual([
      `warning: the pooled files ran on different backends (wasm 4.22.0 in ${a}; tensorflow 2.21.0 in ${b}): their times do not compare`,
      `warning: the pooled files ran different code (aaaaaaaaaaaaaaaa in ${a}; bbbbbbbbbbbbbbbb in ${b}): differences may come from the code`,
    ]);
  });

  it('says in every format what was pooled: the files, their backends and code', async () => {
    split();
    const line = `pooled from 2 results files: ${a} (6 trials, wasm 4.22.0, code aaaaaaaaaaaaaaaa), ${b} (6 trials, wasm 4.22.0, code aaaaaaaaaaaaaaaa)`;
    for (const format of ['table', 'markdown', 'latex', 'html']) {
      const r = await report('-f', format);
      expect([format, r.exit, r.err]).toEqual([format, 0, '']);
      expect(r.out.replace(/\\_/g, '_')).toContain(line);
    }
    const json = JSON.parse((await report('-f', 'json')).out);
    expect(json.pooled).toEqual({
      files: [
        { file: a, trials: 6, backend: 'wasm 4.22.0', code: 'aaaaaaaaaaaaaaaa' },
        { file: b, trials: 6, backend: 'wasm 4.22.0', code: 'aaaaaaaaaaaaaaaa' },
      ],
      backends: ['wasm 4.22.0'],
      code: ['aaaaaaaaaaaaaaaa'],
    });
    const csv = (await report('-f', 'csv')).out.split('\n\n')[1]!.split('\n');
    expect(csv[0]).toMatch(/,results_file,backend,code$/);
    expect(csv[1]).toMatch(new RegExp(`,${a.replace(/[.\\]/g, '\\$&')},wasm 4\\.22\\.0,aaaaaaaaaaaaaaaa$`));
    expect(csv[12]).toMatch(new RegExp(`,${b.replace(/[.\\]/g, '\\$&')},wasm 4\\.22\\.0,aaaaaaaaaaaaaaaa$`));
  });
});

/**
 * The command-line conventions of issue 21: positional arguments anywhere among the options (an option
 * takes one value, repeated for several), `-h`, colour that follows NO_COLOR / FORCE_COLOR / TERM=dumb,
 * `bench run --json`, `bench completion`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, smallMnist, tempWriter } from '../../test/helpers';
import { DATASETS } from '../data';
import { readResults } from '../results/document';
import { colorWanted, memoryIO } from './io';
import { main } from './main';

const BASELINE = path.join(__dirname, '../../test/fixtures/results-lenet5-wasm.json');
const { dir: tmp, write } = tempWriter('bench-conventions-');
DATASETS['mnist-conv'] = { name: 'mnist-conv', summary: 'test', load: () => ({ ...smallMnist(256, 128), name: 'mnist-conv' }) };

describe('positional arguments anywhere among the options', () => {
  it('compare --metric NAME BASE CUR: the metric takes one value, the files stay positional', async () => {
    const r = await cli('compare', '--metric', 'testAccuracy', BASELINE, BASELINE);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('result: no regression');
    expect(r.out.match(/test accuracy/g)).toHaveLength(2); // sgd and adam
    expect(r.out).not.toContain('train time');
  });

  it('compare --metric repeated gives several metrics', async () => {
    const r = await cli('compare', BASELINE, '--metric', 'testAccuracy', '--metric', 'trainSeconds', BASELINE);
    expect(r.code).toBe(0);
    expect(r.out.match(/test accuracy|train time/g)).toHaveLength(4);
  });

  it('validate FILE --results FILE: --results says the files are results files, wherever it stands', async () => {
    const r = await cli('validate', BASELINE, '--results', BASELINE);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out.split('\n')).toEqual([
      `${BASELINE}: valid results (schemaVersion 1) of suite "ci-gate": 4 trials, 2 configurations`,
      `${BASELINE}: valid results (schemaVersion 1) of suite "ci-gate": 4 trials, 2 configurations`,
    ]);
  });

  it('validate takes several suites', async () => {
    const r = await cli('validate', 'suites/quick.json', 'suites/ci-gate.json');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'suites/quick.json: valid suite "quick": 2 configurations x 2 seeds = 4 trials',
      'suites/ci-gate.json: valid suite "ci-gate": 2 configurations x 5 seeds = 10 trials',
    ]);
  });

  it('a list option is repeated: micro --optimizer adam --optimizer sgd', async () => {
    const micro = await cli('micro', '--optimizer', 'adam', '--optimizer', 'sgd', '--json', '--time', '0', '--iterations', '2', '--backend', 'wasm');
    expect(micro.code).toBe(0);
    expect(JSON.parse(micro.out).benchmarks.map((b: { name: string }) => b.name)).toEqual(['optimizer/adam', 'optimizer/sgd']);
  });

  it('a word left over after an option says that an option takes one value', async () => {
    const r = await cli('micro', '--optimizer', 'adam', 'sgd');
    expect(r.code).toBe(2);
    expect(r.err).toBe('bench: Unknown argument: sgd (an option takes one value: repeat it for several, e.g. --optimizer a --optimizer b)');
  });
});

describe('-h', () => {
  it('is --help, for bench and for a command', async () => {
    const top = await cli('-h');
    expect(top.code).toBe(0);
    expect(top.out).toContain('bench run [suite]');
    expect(top.out).toMatch(/-h, --help\s+Show help/);
    const run = await cli('run', '-h');
    expect(run.code).toBe(0);
    expect(run.out).toContain('--resume');
  });
});

describe('colour', () => {
  it('NO_COLOR turns it off, FORCE_COLOR on, TERM=dumb off; otherwise a terminal has it', () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({}, false)).toBe(false);
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '' }, true)).toBe(true); // no-color.org: set and not empty
    expect(colorWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorWanted({ TERM: 'dumb', FORCE_COLOR: '1' }, false)).toBe(true);
  });

  it('the IO says whether to colour, not whether stdout is a terminal', async () => {
    const doc = JSON.parse(fs.readFileSync(BASELINE, 'utf8'));
    for (const t of doc.trials) t.final.testAccuracy -= 0.2;
    const worse = write('worse.json', doc);
    const plain = memoryIO();
    expect(await main(['compare', BASELINE, worse], { ...plain, isTTY: true, color: false })).toBe(1);
    expect(plain.stdout.join('\n')).toMatch(/│ regression │/);
    expect(plain.stdout.join('\n')).not.toContain('\x1b[');
    const coloured = memoryIO();
    expect(await main(['compare', BASELINE, worse], { ...coloured, isTTY: false, color: true })).toBe(1);
    expect(coloured.stdout.join('\n')).toContain('\x1b[31mregression\x1b[39m');
  });
});

describe('bench run --json', () => {
  it('prints one JSON summary on stdout, progress on stderr; --set before the suite', async () => {
    const suite = write('s.json', {
      name: 'conv',
      models: ['lenet5'],
      datasets: ['mnist-conv'],
      optimizers: [{ name: 'adam', params: { lr: 0.003 } }, { name: 'sgd', params: { lr: 1e12 } }],
      seeds: [1, 2],
      epochs: 3,
      batchSize: 64,
    });
    const out = path.join(tmp, 'conv.json');
    const r = await cli('run', '--set', 'epochs=1', '--set', 'seeds=1', suite, '--json', '--backend', 'wasm', '--workers', '1', '--out', out);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(Object.keys(summary)).toEqual(['results', 'suite', 'complete', 'trials', 'counts', 'ranking']);
    expect(summary).toMatchObject({ results: out, suite: 'conv', complete: true, trials: 2, counts: { ok: 1, diverged: 1, failed: 0, timeout: 0 } });
    expect(summary.ranking.map((e: { label: string; rank: number }) => [e.rank, e.label])).toEqual([
      [1, 'adam(lr=0.003)'],
      [2, 'sgd(lr=1000000000000)'],
    ]);
    expect(summary.ranking[0].testAccuracy.n).toBe(1);
    expect(r.err).toContain('backend: wasm');
    const doc = readResults(out);
    expect(doc.suite.spec.epochs).toBe(1);
    expect(summary.ranking).toEqual(doc.ranking);
    expect(fs.existsSync(out)).toBe(true);
  });
});

describe('bench completion', () => {
  it("prints yargs' completion script, and the script's query completes commands", async () => {
    const script = await cli('completion');
    expect(script.code).toBe(0);
    expect(script.out).toContain('###-begin-bench-completions-###');
    expect(script.out).toContain('--get-yargs-completions');
    const words = await cli('--get-yargs-completions', 'bench', 'com');
    expect(words.code).toBe(0);
    expect(words.out.split('\n')).toEqual(expect.arrayContaining(['compare', 'completion']));
  });
});

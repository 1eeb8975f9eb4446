/**
 * The rows of the README's "Errors" table through the CLI, as a user meets them: each bad input or
 * fault, the message a user sees and the exit code (unit tests of each part sit beside its code).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATASETS } from '../core/data';
import { Registry } from '../core/plugin/registry';
import { readResults } from '../core/results/document';
import { cli, smallMnist, tempWriter } from './helpers';

const { dir: tmp, write } = tempWriter('bench-errors-');
const base = { name: 'e', models: ['lenet5'], datasets: ['mnist'], optimizers: ['sgd'], seeds: [1], epochs: 1 };

DATASETS['mnist-errors'] = { name: 'mnist-errors', summary: 'test', load: () => ({ ...smallMnist(128, 50), name: 'mnist-errors' }) };

describe('errors a user sees', () => {
  it('a suite file that is missing or not JSON: exit 2, the file and the position named, for validate and run alike', async () => {
    const missing = path.join(tmp, 'nowhere.json');
    const notJson = write('s.json', '{\n  "name": "x",\n  "epochs": 1,,\n}');
    for (const cmd of ['validate', 'run']) {
      const r = await cli(cmd, missing);
      expect([cmd, r.code, r.err]).toEqual([cmd, 2, `bench: ${missing}: no such file`]);
      const j = await cli(cmd, notJson);
      expect([cmd, j.code, j.err]).toEqual([cmd, 2, `bench: ${notJson}: not valid JSON at line 3, column 15: property name expected`]);
    }
  });

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

  it('a trial that throws, one that leaks tensors, one that diverges: each recorded and said on stderr, the others run, exit 1', async () => {
    write(
      'exploding.js',
      `const sgd = { name: 'exploding', kind: 'optimizer', summary: 'throws on step 2', params: { type: 'object', properties: { lr: { type: 'number', default: 0.1 } } },
        init: () => ({}), update: (g, w, s, t, lr) => { if (t === 2) throw new Error('exploded at step 2'); return { weight: w.sub(g.mul(lr)), slots: {} }; } };
       module.exports = { default: sgd };`,
    );
    // SGD that keeps a copy of every gradient it sees (tf.keep: the harness's tf.tidy cannot free it).
    write(
      'leaky.js',
      `const tf = require(${JSON.stringify(path.join(__dirname, '..', 'core', 'tf'))});
       const leaky = { name: 'leaky', kind: 'optimizer', summary: 'keeps every gradient', elementwise: true, params: { type: 'object', properties: { lr: { type: 'number', default: 0.05 } } },
         init: () => ({}), update: (g, w, s, t, lr) => { tf.keep(g.clone()); return { weight: w.sub(g.mul(lr)), slots: {} }; } };
       module.exports = { default: leaky };`,
    );
    const out = path.join(tmp, 'failed.json');
    const optimizers = ['exploding', 'leaky', { name: 'sgd', params: { lr: 1e12 } }, { name: 'sgd', params: { lr: 0.05 } }];
    const suite = write('fail.json', { ...base, datasets: ['mnist-errors'], plugins: ['./exploding.js', './leaky.js'], optimizers, batchSize: 32 });
    const r = await cli('run', suite, '--workers', '1', '--backend', 'wasm', '--out', out);
    expect(r.code).toBe(1);
    const doc = readResults(out);
    // 128 images, 13 held out for validation: 115 in batches of 32 are 4 steps, one kept gradient each
    // (elementwise: one update of the flat weight vector per step).
    const leaked = '4 tensors leaked by this trial (a plugin kept tensors it did not return)';
    expect(doc.trials.map((t) => [t.label, t.status, t.status === 'failed' ? t.error : undefined])).toEqual([
      ['exploding', 'failed', 'exploded at step 2'],
      ['leaky', 'failed', leaked],
      ['sgd(lr=1000000000000)', 'diverged', undefined],
      ['sgd(lr=0.05)', 'ok', undefined],
    ]);
    // lr 1e12: the first step throws the weights far off; the loss of step 2 is NaN.
    const diverged = doc.trials[2]!;
    expect(diverged.status === 'diverged' && diverged.divergence).toEqual({ epoch: 1, where: 'train', step: 2, metric: 'loss', value: 'NaN' });
    expect(r.err).toContain('[1/4] exploding seed 1: failed: exploded at step 2 (worker 1');
    expect(r.err).toContain(`[2/4] leaky seed 1: failed: ${leaked} (worker 1`);
    expect(r.err).toContain(`[3/4] sgd(lr=1000000000000) seed 1: diverged at epoch 1, step 2 (training loss NaN) (worker 1`);
    expect(r.err).toMatch(/\[4\/4\] sgd\(lr=0\.05\) seed 1: test acc \d+\.\d\d%/);
    expect(doc.complete).toBe(true);
  });

  it('a module in a plugin folder that fails to load: a warning, the other plugins work (exit 0); a suite naming it or its file: exit 2', async () => {
    // A contributor's file dropped into plugins/optimizers/: here a folder of its own, discovered the same way.
    const folder = path.join(tmp, 'optimizers');
    fs.mkdirSync(folder);
    const broken = path.join(folder, 'broken.js');
    fs.writeFileSync(broken, `throw new Error('boom at load');`);
    const builtIn = Registry.builtIn.bind(Registry);
    const spy = jest.spyOn(Registry, 'builtIn').mockImplementation(() => {
      const r = builtIn();
      r.discover(folder, 'optimizer');
      return r;
    });
    try {
      const warning = `warning: plugin module ${broken} is broken: failed to load: boom at load`;
      const ok = await cli('validate', write('uses-sgd.json', base));
      expect([ok.code, ok.err]).toEqual([0, warning]);
      const bad = await cli('validate', write('uses-broken.json', { ...base, optimizers: ['broken', 'sgd'] }));
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('  $.optimizers[0]: optimizer "broken" is in a broken module (broken.js): failed to load: ');
      expect(bad.err).toContain('boom at load');
    } finally {
      spy.mockRestore();
    }
    // A module the suite names in "plugins" is part of the suite: it must load.
    const ext = await cli('validate', write('uses-ext.json', { ...base, plugins: ['./optimizers/broken.js'] }));
    expect(ext.code).toBe(2);
    expect(ext.err).toContain('  $.plugins[0]: "./optimizers/broken.js": failed to load: boom at load');
  });

  it('a truncated or wrong-schema results file given to report, compare, merge or validate: exit 2 with the reason, no stack trace', async () => {
    const bad = write('truncated.json', '{"schemaVersion": 1, "tool": {');
    const good = readResults(path.join(__dirname, 'fixtures', 'results-small.json'));
    const first = good.trials[0]!;
    if (first.status !== 'ok') throw new Error('the fixture starts with an ok trial');
    const wrong = write('wrong.json', { ...good, trials: [{ ...first, final: { ...first.final, testAccuracy: 'high' } }] });
    const merged = path.join(tmp, 'merged.json');
    for (const argv of [['report', bad], ['compare', bad, bad], ['merge', bad, '--out', merged], ['validate', '--results', bad]]) {
      const r = await cli(...argv);
      expect([argv[0], r.code]).toEqual([argv[0], 2]);
      expect(r.err).toMatch(new RegExp(`^bench: ${bad}: not valid JSON at line 1, column 31`));
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    for (const argv of [['report', wrong], ['compare', wrong, wrong], ['merge', wrong, '--out', merged], ['validate', '--results', wrong]]) {
      const r = await cli(...argv);
      expect([argv[0], r.code]).toEqual([argv[0], 2]);
      expect(r.err).toContain(`bench: ${wrong}: not a valid results file\n  $.trials[0].final.testAccuracy: must be number`);
    }
    expect(fs.existsSync(merged)).toBe(false);
  });
});

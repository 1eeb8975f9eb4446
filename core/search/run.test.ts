/**
 * A tuning run end to end on tiny data (BENCH_TRAIN_LIMIT): search trials on the search seed, the best
 * by validation accuracy rerun on the seeds as final trials, selection[] in the results, the ranking
 * over the final trials only, and an untuned entry run as written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryIO } from '../cli/io';
import { main } from '../cli/main';
import { readResults } from '../results/document';
import type { RunDocument } from '../results/run-info';
import { selectBest } from './select';
import { withDataLimits } from '../../test/helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-'));
withDataLimits(320, 100);

test('search, select by validation, rerun the chosen configuration on the seeds', async () => {
  const suite = path.join(tmp, 'tune.json');
  fs.writeFileSync(
    suite,
    JSON.stringify({
      name: 'tune',
      models: ['linear-784'],
      datasets: ['mnist'],
      optimizers: [
        { name: 'sgd', label: 'sgd', search: { space: { lr: [0.0001, 0.01, 0.5] }, strategy: 'grid', budget: { configs: 3 } } },
        { name: 'adam', search: { space: { lr: { logUniform: [1e-4, 1e-1] } }, budget: { configs: 2 }, seeds: [5] } },
        { name: 'sgd', params: { lr: 0.05 } },
      ],
      search: { searchSeed: 9, epochs: 1 },
      seeds: [1, 2],
      epochs: 2,
      batchSize: 32,
      validationFraction: 0.25,
    }),
  );
  const out = path.join(tmp, 'tune-results.json');
  const io = memoryIO();
  const code = await main(['run', suite, '--out', out, '--workers', '1', '--defaults', '--data-dir', path.join(tmp, 'none')], io);
  expect(io.stderr.join('\n')).not.toContain('bench:');
  expect(code).toBe(0);
  const doc = readResults(out); // valid against the schema
  expect(doc.complete).toBe(true);
  const search = doc.trials.filter((t) => t.phase === 'search');
  const final = doc.trials.filter((t) => t.phase === 'final');
  expect(search.map((t) => [t.label, t.seed, t.epochs])).toEqual([
    ['sgd(lr=0.0001)', 9, 1],
    ['sgd(lr=0.01)', 9, 1],
    ['sgd(lr=0.5)', 9, 1],
    [`adam(lr=${search[3]!.optimizer.params.lr})`, 9, 1],
    [`adam(lr=${search[4]!.optimizer.params.lr})`, 9, 1],
  ]);
  expect(search.every((t) => t.id.startsWith('search-'))).toBe(true);
  // Every trial of a tuning run names the suite entry it tunes, reruns or runs untuned.
  expect(search.map((t) => t.entry)).toEqual(['sgd', 'sgd', 'sgd', 'adam', 'adam']);
  // Every chosen configuration is the best search trial of its optimizer by validation accuracy.
  expect(doc.selection).toHaveLength(2);
  const [sgdSel, adamSel] = doc.selection!;
  for (const [sel, trials] of [
    [sgdSel!, search.slice(0, 3)],
    [adamSel!, search.slice(3)],
  ] as const) {
    const best = selectBest(trials, 'valAccuracy')!;
    expect(sel.trial).toBe(best.trial.id);
    expect(sel.value).toBe(best.trial.history[0]!.valAccuracy);
    expect(sel.params).toEqual(best.trial.optimizer.params);
    expect(sel.configs).toBe(trials.length);
    // Tuneability: n=1 is the mean of the search scores; n=N is at most the best.
    expect(sel.tuneability).toHaveLength(trials.length);
    expect(sel.tuneability![0]).toBeCloseTo(trials.reduce((a, t) => a + t.history[0]!.valAccuracy!, 0) / trials.length, 12);
    expect(sel.tuneability![trials.length - 1]!).toBeLessThanOrEqual(best.value);
    expect(sel.seconds).toBeCloseTo(trials.reduce((a, t) => a + t.wallSeconds, 0), 9);
  }
  expect(sgdSel).toMatchObject({ optimizer: 'sgd', name: 'sgd', metric: 'valAccuracy', searched: ['lr'], strategy: 'grid' });
  expect(adamSel!.strategy).toBe('quasirandom');
  // Final: chosen sgd on the suite's seeds, chosen adam on its own seeds, the untuned sgd as written; suite epochs.
  expect(final.map((t) => [t.optimizer.params.lr, t.seed, t.epochs])).toEqual([
    [sgdSel!.params!.lr, 1, 2],
    [sgdSel!.params!.lr, 2, 2],
    [adamSel!.params!.lr, 5, 2],
    [0.05, 1, 2],
    [0.05, 2, 2],
  ]);
  expect(final[0]!.label).toBe(`sgd(lr=${sgdSel!.params!.lr})`);
  expect(final.map((t) => t.entry)).toEqual(['sgd', 'sgd', 'adam', 'sgd(lr=0.05)', 'sgd(lr=0.05)']);
  expect(doc.selection!.map((s) => [s.optimizer, s.searchSeed])).toEqual([
    ['sgd', 9],
    ['adam', 9],
  ]);
  // --defaults: the tuned entries as written (plugin default lr 0.001) on the same seeds, ranked apart.
  const untuned = doc.trials.filter((t) => t.phase === 'defaults');
  expect(untuned.map((t) => [t.label, t.optimizer.params.lr, t.seed])).toEqual([
    ['sgd', 0.001, 1],
    ['sgd', 0.001, 2],
    ['adam', 0.001, 5],
  ]);
  expect(untuned.every((t) => t.id.startsWith('defaults-'))).toBe(true);
  expect(untuned.map((t) => t.entry)).toEqual(['sgd', 'sgd', 'adam']);
  expect(io.stdout.join('\n')).toContain('Untuned (--defaults)');
  // The ranking covers the final configurations only.
  expect(doc.ranking.map((e) => e.trials).sort()).toEqual([1, 2, 2]);
  expect(new Set(doc.ranking.map((e) => e.configId))).toEqual(new Set(final.map((t) => t.configId)));
  const text = io.stdout.join('\n');
  expect(text).toContain('Hyper-parameter search');
  expect(text).toContain(`lr=${sgdSel!.params!.lr}`);
  // The search phase's own document sits beside the results.
  expect(readResults(path.join(tmp, 'tune-results.search.json')).trials).toHaveLength(5);
}, 60000);

test('a search without a space, or without a validation split, is bad input (exit 2)', async () => {
  const bad = (extra: object, file: string) => {
    fs.writeFileSync(file, JSON.stringify({ name: 'bad', models: ['linear-784'], datasets: ['mnist'], optimizers: ['sgd'], seeds: [1], epochs: 1, ...extra }));
    return file;
  };
  const io = memoryIO();
  expect(await main(['run', bad({ optimizers: [{ name: 'sgd', search: { budget: { configs: 2 } } }] }, path.join(tmp, 'b1.json')), '--out', path.join(tmp, 'b1-out.json')], io)).toBe(2);
  expect(io.stderr.join('\n')).toContain('$.optimizers[0]: its search has no "space"');
  const io2 = memoryIO();
  expect(await main(['run', bad({ search: { space: { lr: [0.1] } }, validationFraction: 0 }, path.join(tmp, 'b2.json')), '--out', path.join(tmp, 'b2-out.json')], io2)).toBe(2);
  expect(io2.stderr.join('\n')).toContain('$.validationFraction: a search selects on the validation split');
});

test('an entry whose search trials all diverge ranks last with its status; a search seed among the final seeds is warned of', async () => {
  const suite = path.join(tmp, 'blowup.json');
  fs.writeFileSync(
    suite,
    JSON.stringify({
      name: 'blowup',
      models: ['linear-784'],
      datasets: ['mnist'],
      optimizers: [
        { name: 'adam', search: { space: { lr: [0.01] }, budget: { configs: 1 } } },
        // A learning rate near float32's maximum: the weights overflow on the first step.
        { name: 'sgd', label: 'sgd-blowup', search: { space: { lr: [1e38, 3e38] }, strategy: 'grid', budget: { configs: 2 } } },
      ],
      search: { searchSeed: 1, epochs: 1 },
      seeds: [1],
      epochs: 1,
      batchSize: 32,
      validationFraction: 0.25,
    }),
  );
  const out = path.join(tmp, 'blowup-results.json');
  const io = memoryIO();
  const code = await main(['run', suite, '--out', out, '--workers', '1', '--data-dir', path.join(tmp, 'none')], io);
  expect(code).toBe(0); // diverged trials do not fail a run
  const err = io.stderr.join('\n');
  expect(err).toContain(
    'warning: $.search.searchSeed: 1 is one of the final seeds (1): the final trial on seed 1 retrains the chosen search trial, ' +
      'which biases the tuned mean upward; leave searchSeed out (default: the smallest seed not among the final seeds, here 0) or choose another',
  );
  // The warning is in the run's header: before the first search trial.
  expect(err.indexOf('warning: $.search.searchSeed')).toBeLessThan(err.indexOf('search: 3 search trials'));
  const doc = readResults(out);
  expect(doc.trials.filter((t) => t.entry === 'sgd-blowup').map((t) => [t.phase, t.status])).toEqual([
    ['search', 'diverged'],
    ['search', 'diverged'],
  ]);
  expect(doc.selection!.map((s) => [s.optimizer, s.trial === null])).toEqual([
    ['adam', false],
    ['sgd-blowup', true],
  ]);
  expect(doc.ranking.map((e) => [e.rank, e.label, e.trials, e.ok, e.diverged, e.failed])).toEqual([
    [1, 'adam(lr=0.01)', 1, 1, 0, 0],
    [2, 'sgd-blowup (search: none finished)', 2, 0, 2, 0],
  ]);
  expect(io.stdout.join('\n')).toMatch(/sgd-blowup \(search: none finished\).*2 diverged/);
}, 60000);

test('records taken from --cache-dir carry this run\'s entry and label, not those of the run that cached them', async () => {
  const cacheDir = path.join(tmp, 'cache');
  const run = async (label: string) => {
    const suite = path.join(tmp, `cached-${label}.json`);
    fs.writeFileSync(
      suite,
      JSON.stringify({
        name: 'cached',
        models: ['linear-784'],
        datasets: ['mnist'],
        optimizers: [{ name: 'sgd', label, search: { space: { lr: [0.01] }, budget: { configs: 1 } } }],
        seeds: [1],
        epochs: 1,
        batchSize: 32,
        validationFraction: 0.25,
      }),
    );
    const out = path.join(tmp, `cached-${label}-results.json`);
    expect(await main(['run', suite, '--out', out, '--workers', '1', '--cache-dir', cacheDir, '--data-dir', path.join(tmp, 'none')], memoryIO())).toBe(0);
    return readResults(out) as RunDocument;
  };
  await run('first');
  const second = await run('second');
  expect(second.run.cachedTrials).toHaveLength(2);
  expect(second.trials.map((t) => [t.phase, t.entry, t.label])).toEqual([
    ['search', 'second', 'second(lr=0.01)'],
    ['final', 'second', 'second(lr=0.01)'],
  ]);
}, 60000);

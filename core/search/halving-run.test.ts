/**
 * `"strategy": "halving"` end to end on tiny data (BENCH_TRAIN_LIMIT): two optimizers, each its own
 * bracket of 4 grid configurations, eta 2, from 1 epoch to 2: each keeps its 2 best after epoch 1
 * whatever the other's values, the 2 pruned recorded with the epoch they stopped at, the chosen one the
 * best of the last rung, the selection's rungs, nothing pruned in the ranking; after a full search of
 * the same space in the same --cache-dir, Kendall's tau between the two rankings.
 */
import * as path from 'node:path';
import { readResults } from '../results/document';
import type { RunDocument } from '../results/run-info';
import { isOk, type TrialRecord } from '../train/record';
import { cli, tempWriter, withDataLimits } from '../../test/helpers';
import { fullSearchAgreement } from './halving';
import { searchOutOf } from './run';
import { selectBest } from './select';

withDataLimits(256, 100);
const files = tempWriter('bench-halving-');
const search = { space: { lr: { logUniform: [1e-4, 0.3] } }, budget: { configs: 4 }, epochs: 2, searchSeed: 9 };
const spec = (block: object) => ({
  name: 'halve',
  models: ['linear-784'],
  datasets: ['mnist'],
  optimizers: [
    { name: 'sgd', label: 'sgd' },
    { name: 'adam', label: 'adam' },
  ],
  search: { ...search, ...block },
  seeds: [1],
  epochs: 1,
  batchSize: 32,
  validationFraction: 0.25,
});
const halving = files.write('halving.json', spec({ strategy: 'halving', halving: { eta: 2, minEpochs: 1, sample: 'grid' } }));
const full = files.write('full.json', spec({ strategy: 'grid' }));
const none = path.join(files.dir, 'none');
const valAt = (r: TrialRecord, epoch: number) => r.history[epoch - 1]!.valAccuracy!;

test('every optimizer its own bracket: the best half of each kept after epoch 1, the pruned recorded where they stopped', async () => {
  const check = await cli('validate', halving);
  expect(check.out).toContain('12 search trials + 2 final trials');
  expect(check.out).toContain('sgd: successive halving of 4 grid configurations of lr on search seed 9 (eta 2: 4 for 1 epoch, 2 for 2 epochs), the best rerun on seed 1');

  const out = path.join(files.dir, 'halving-results.json');
  const r = await cli('run', halving, '--out', out, '--workers', '1', '--data-dir', none);
  expect(r.err).not.toContain('bench:');
  expect(r.code).toBe(0);
  const doc = readResults(out) as RunDocument;
  const searchDoc = readResults(searchOutOf(out)) as RunDocument;
  expect(searchDoc.trials.map((t) => t.id)).toEqual(doc.trials.filter((t) => t.phase === 'search').map((t) => t.id));
  for (const [i, entry] of ['sgd', 'adam'].entries()) {
    const trials = doc.trials.filter((t) => t.phase === 'search' && t.entry === entry);
    expect(trials).toHaveLength(4); // one record per configuration
    const pruned = trials.filter((t) => t.pruned);
    const kept = trials.filter((t) => !t.pruned);
    expect(pruned.map((t) => [t.epochs, t.history.length, t.status, t.pruned])).toEqual([0, 1].map(() => [1, 1, 'ok', { atEpoch: 1, rung: 0, searchEpochs: 2 }]));
    expect(kept.map((t) => [t.epochs, t.history.length])).toEqual([
      [2, 2],
      [2, 2],
    ]);
    // The two kept had the best validation accuracy of their own bracket after epoch 1 (their first epoch is the rung's, bit for bit).
    expect(Math.min(...kept.map((t) => valAt(t, 1)))).toBeGreaterThanOrEqual(Math.max(...pruned.map((t) => valAt(t, 1))));
    const sel = doc.selection![i]!;
    expect(sel).toMatchObject({ optimizer: entry, strategy: 'halving', configs: 4 });
    expect(sel.halving).toMatchObject({ eta: 2, minEpochs: 1, sample: 'grid' });
    expect(sel.halving!.rungs.map(({ epochs, configs, kept: k }) => [epochs, configs, k])).toEqual([
      [1, 4, 2],
      [2, 2, 1],
    ]);
    expect(sel.halving!.rungs[1]!.seconds).toBeCloseTo(kept.reduce((a, t) => a + t.wallSeconds, 0), 9);
    expect(sel.seconds).toBeCloseTo(sel.halving!.rungs[0]!.seconds + sel.halving!.rungs[1]!.seconds, 9);
    expect(sel.seconds).toBeGreaterThan(trials.reduce((a, t) => a + t.wallSeconds, 0)); // the kept ones' first rung counts too
    expect(sel.trial).toBe(selectBest(kept, 'valAccuracy')!.trial.id);
    expect(sel).not.toHaveProperty('tuneability');
    expect(sel.halving).not.toHaveProperty('fullSearch'); // no cache: no full search to compare with
  }
  // Pruned trials rank only in their search: the ranking is of the two final configurations.
  expect(doc.ranking.map((e) => e.trials)).toEqual([1, 1]);
  expect(doc.trials.filter((t) => t.phase === 'final').every((t) => !t.pruned && t.epochs === 1)).toBe(true);
  expect(r.out).toMatch(/4 halving \(kept 2 at epoch 1\)/);
});

test("where a full search of the same space is in --cache-dir, Kendall's tau between the two rankings", async () => {
  const cache = path.join(files.dir, 'cache');
  const fullOut = path.join(files.dir, 'full-results.json');
  expect((await cli('run', full, '--out', fullOut, '--workers', '1', '--cache-dir', cache, '--data-dir', none)).code).toBe(0);
  const out = path.join(files.dir, 'halving-cached.json');
  const r = await cli('run', halving, '--out', out, '--workers', '1', '--cache-dir', cache, '--data-dir', none);
  expect(r.code).toBe(0);
  const doc = readResults(out) as RunDocument;
  const fullDoc = readResults(fullOut) as RunDocument;
  const fullById = new Map(fullDoc.trials.filter((t) => t.phase === 'search').map((t) => [t.id, t]));
  // The last rung's trials are the full search's (same ids), taken from the cache.
  const kept = doc.trials.filter((t) => t.phase === 'search' && !t.pruned);
  expect(kept.every((t) => fullById.has(t.id) && readResults(searchOutOf(out)).trials.length === 8)).toBe(true);
  expect((readResults(searchOutOf(out)) as RunDocument).run.cachedTrials).toEqual(expect.arrayContaining(kept.map((t) => t.id)));
  for (const [i, entry] of ['sgd', 'adam'].entries()) {
    // The halving's results and the full search's values after epoch 2, in the full search's configuration order.
    const fullTrials = fullDoc.trials.filter((t) => t.phase === 'search' && t.entry === entry);
    const mine = doc.trials.filter((t) => t.phase === 'search' && t.entry === entry);
    const results = fullTrials.map((f) => {
      const h = mine.find((t) => t.label === f.label)!;
      return { rung: h.pruned ? h.pruned.rung : 1, value: isOk(h) ? valAt(h, h.history.length) : null };
    });
    const expected = fullSearchAgreement(
      results,
      fullTrials.map((t) => (isOk(t) ? valAt(t, 2) : null)),
      false,
    );
    expect(doc.selection![i]!.halving!.fullSearch).toEqual(expected);
    expect(expected!.configs).toBe(4);
  }
  expect(r.out).toMatch(/Halving against the full search of the same configurations \(in --cache-dir\), Kendall's tau: sgd -?\d\.\d\d over 4; adam -?\d\.\d\d over 4\./);
});

test('halving settings that cannot run are bad input, each with its path', async () => {
  const bad = files.write('bad.json', spec({ strategy: 'halving', halving: { minEpochs: 2 } }));
  const r = await cli('validate', bad);
  expect(r.code).toBe(2);
  expect(r.err).toContain('$.search.halving.minEpochs: 2 leaves no rung below the 2 search epochs; give fewer than 2 (or more search epochs)');
  const stray = files.write('stray.json', spec({ halving: { eta: 2 } }));
  expect((await cli('validate', stray)).err).toContain('$.search.halving: is read only with "strategy": "halving"');
  const unequal = files.write('unequal.json', { ...spec({ strategy: 'halving' }), optimizers: [{ name: 'sgd', label: 'sgd' }, { name: 'adam', label: 'adam', search: { budget: { configs: 2 } } }] });
  expect((await cli('validate', unequal)).err).toContain(
    'warning: $.optimizers: the halving brackets have different budgets (sgd: 4 configurations, eta 3, 1 to 2 epochs; adam: 2 configurations, eta 3, 1 to 2 epochs)',
  );
});

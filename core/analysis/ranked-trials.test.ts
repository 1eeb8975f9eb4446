/**
 * A tuned entry none of whose search trials finished stays in the ranking: last, with its status,
 * made of its search trials, in the results document and in `bench report` alike.
 */
import { fabricateResults } from '../../test/fabricate';
import { withStatus } from '../../test/fixtures/make-trial';
import { buildReport } from '../report/model';
import type { TrialRecord } from '../train/record';
import { resultsProblems, type ResultsDocument, withRanking } from '../results/document';

/** A tuning run's document: adam tuned and rerun on 3 seeds; sgd-momentum's 3 search trials diverged or failed. */
function tuningDoc(): ResultsDocument {
  const doc = fabricateResults({
    configs: [
      { optimizer: 'adam(lr=0.01)', accuracy: [0.97, 0.975, 0.972], trainSeconds: [9, 9, 9] },
      { optimizer: 'sgd-momentum(lr=1)', accuracy: [0.1], trainSeconds: [3], status: ['diverged', 'failed', 'diverged'] },
    ],
  });
  let n = 0;
  const trials = doc.trials.map((t): TrialRecord => {
    if (t.label.startsWith('adam')) return { ...t, phase: 'final', entry: 'adam' };
    const configId = `cfg-sgd-${n++}`;
    return { ...t, id: `search-${configId}-s0`, configId, seed: 0, phase: 'search', entry: 'sgd-momentum' };
  });
  const selection = [
    { optimizer: 'adam', name: 'adam', model: 'lenet5', dataset: 'mnist', params: { lr: 0.01 }, searched: ['lr'], metric: 'valAccuracy' as const, value: 0.97, trial: 'x', configs: 1, seconds: 9, strategy: 'grid' as const, searchSeed: 0 },
    { optimizer: 'sgd-momentum', name: 'sgd', model: 'lenet5', dataset: 'mnist', params: null, searched: ['lr'], metric: 'valAccuracy' as const, value: null, trial: null, configs: 3, seconds: 9, strategy: 'grid' as const, searchSeed: 0 },
  ];
  return { ...doc, trials, selection };
}

describe('a tuned entry whose search trials all failed or diverged', () => {
  it('ranks last with its status in the results document', () => {
    const doc = withRanking(tuningDoc());
    expect(resultsProblems(doc)).toEqual([]);
    expect(doc.ranking.map((e) => [e.rank, e.label, e.trials, e.ok, e.diverged, e.failed])).toEqual([
      [1, 'adam(lr=0.01)', 3, 3, 0, 0],
      [2, 'sgd-momentum (search: none finished)', 3, 0, 2, 1],
    ]);
    expect(doc.ranking[1]!.testAccuracy).toBeNull();
    expect(doc.ranking[1]!.configId).toMatch(/^search-[0-9a-f]{12}$/);
  });

  it('ranks last in bench report too, whose trials stay the final ones', () => {
    const report = buildReport([{ file: 'tune.json', doc: tuningDoc() }]);
    expect(report.ranking.map((e) => [e.rank, e.label, e.diverged, e.failed])).toEqual([
      [1, 'adam(lr=0.01)', 0, 0],
      [2, 'sgd-momentum (search: none finished)', 2, 1],
    ]);
    expect(report.trials.map((t) => t.phase)).toEqual(['final', 'final', 'final']);
  });

  it('is ranked even when no final trial exists at all', () => {
    const doc = tuningDoc();
    const onlySearch = withRanking({ ...doc, trials: doc.trials.filter((t) => t.phase === 'search') });
    expect(onlySearch.ranking.map((e) => [e.label, e.trials])).toEqual([['sgd-momentum (search: none finished)', 3]]);
  });

  it('does not appear when one of its search trials finished (its final trials are ranked)', () => {
    const doc = tuningDoc();
    const trials = doc.trials.map((t, i) => (i === 3 ? { ...t, status: 'ok' as const, final: withStatus(doc.trials[0]!, 'ok').final } : t));
    expect(withRanking({ ...doc, trials }).ranking.map((e) => e.label)).toEqual(['adam(lr=0.01)']);
  });

  it('appears when only trials that successive halving pruned finished (nothing of the last rung to rerun), made of the others', () => {
    const doc = tuningDoc();
    const ok = withStatus(doc.trials[0]!, 'ok').final;
    // Two of sgd-momentum's three finished their first rung and were pruned; the one promoted then failed.
    const trials = doc.trials.map((t, i) => (i === 3 || i === 4 ? { ...t, status: 'ok' as const, final: ok, pruned: { atEpoch: 1, rung: 0, searchEpochs: 2 } } : t));
    const ranking = withRanking({ ...doc, trials: trials as TrialRecord[] }).ranking;
    expect(ranking.map((e) => [e.label, e.trials, e.ok])).toEqual([
      ['adam(lr=0.01)', 3, 3],
      ['sgd-momentum (search: none finished)', 1, 0],
    ]);
  });
});

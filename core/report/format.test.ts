/**
 * The cells the ranked tables share: the interval (the range below 3 seeds) and the p against the
 * best (adjusted, its test named when a table mixes tests).
 */
import { makeTrial, seeds } from '../../test/fixtures/make-trial';
import { rankConfigurations } from '../analysis/ranking';
import { ci, pVsBest, rankColumns } from './format';

describe('ranked table cells', () => {
  it('shows an interval from 3 seeds, the range for 2, a dash for 1', () => {
    const r = rankConfigurations([...seeds('three', [0.97, 0.98, 0.99]), ...seeds('two', [0.9, 0.95]), ...seeds('one', [0.5])]);
    expect(r.map((e) => ci(e.testAccuracy, 2, 100))).toEqual(['[97.00, 99.00]', 'range 90.00–95.00', '—']);
  });

  it('shows the adjusted p, naming the test when the table mixes them', () => {
    // b pairs with a on seeds 1-3 (paired p = 0.2254); c ran seeds 11-13: Welch, t = 8.573, df 4,
    // p = 0.0010166626172891209 (scipy.stats.ttest_ind(equal_var=False)); Holm: 0.00102 x 2 = 0.002, then 0.2254.
    const r = rankConfigurations([
      ...seeds('a', [0.97, 0.98, 0.99]),
      ...seeds('b', [0.96, 0.98, 0.97]),
      ...[0.9, 0.92, 0.91].map((v, i) => makeTrial({ config: 'c', seed: i + 11, testAccuracy: v })),
    ]);
    const col = rankColumns(r).find((c) => c.key === 'pVsBest')!;
    expect(r.map((e) => e.vsBest?.test)).toEqual([undefined, 'paired-t', 'welch']);
    expect(r.map((e) => col.cell(e))).toEqual(['', `${r[1]!.vsBest!.pAdjusted.toFixed(3)} (paired t)`, '0.002 (Welch)']);
    expect(r[2]!.vsBest!.pAdjusted).toBeCloseTo(2 * 0.0010166626172891209, 10);
    expect(r[1]!.vsBest!.pAdjusted).toBeCloseTo(0.22540333075851665, 10);
    expect(pVsBest(r[1]!, false)).toBe('0.225');
  });
});

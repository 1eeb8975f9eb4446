/**
 * The Friedman test and its post-hoc tests: Demšar's worked example (JMLR 7, 2006, §3.2.2 and Table 6:
 * four variants of C4.5 on 14 data sets, mean ranks 3.143, 2.000, 2.893, 1.964; χ²_F = 9.28,
 * F_F = 3.69, CD = 1.25 at 0.05) by hand, and a matrix with ties against scipy 1.17.1
 * (scipy.stats.friedmanchisquare, stats.f.sf, stats.studentized_range.ppf, stats.norm.sf; run once,
 * values written in).
 */
import { friedmanFromRanks, friedmanTest, holmPairs, nemenyiCriticalDifference, nonSignificantGroups } from './friedman';

describe('Friedman', () => {
  it("reproduces Demšar's example from its mean ranks", () => {
    const r = friedmanFromRanks([3.143, 2.0, 2.893, 1.964], 14);
    expect(r.chiSquare).toBeCloseTo(9.28, 2);
    expect(r.f!).toBeCloseTo(3.69, 2);
    // chi2.sf(9.2836296, 3) = 0.025748158001561782; f.sf(3.688892848578326, 3, 39) = 0.019767760040617754
    expect(r.p).toBeCloseTo(0.025748158001561782, 8);
    expect(r.fP).toBeCloseTo(0.019767760040617754, 8);
    expect(nemenyiCriticalDifference(4, 14, 0.05)).toBeCloseTo(1.2535591471176057, 8); // 2.569 * sqrt(4 * 5 / (6 * 14))
  });

  it('ranks each workload with ties and matches scipy.stats.friedmanchisquare', () => {
    const costs = [
      [0.1, 0.12, 0.15, 0.11],
      [0.2, 0.19, 0.25, 0.22],
      [0.05, 0.07, 0.07, 0.06],
      [0.3, 0.33, 0.31, 0.35],
      [0.15, 0.14, 0.2, 0.18],
    ];
    const r = friedmanTest(costs);
    expect(r.meanRanks).toEqual([1.4, 2.3, 3.5, 2.8]);
    expect(r.chiSquare).toBeCloseTo(7.163265306122445, 10); // tie-corrected, as scipy
    expect(r.p).toBeCloseTo(0.06687205816570065, 10);
    expect(r.f!).toBeCloseTo(3.656249999999996, 10); // (N - 1) chi2 / (N (k - 1) - chi2)
    expect(r.fP).toBeCloseTo(0.04424467761808135, 10); // f.sf(F, 3, 12)
    expect(nemenyiCriticalDifference(4, 5, 0.05)).toBeCloseTo(2.0976056585788982, 8);
    // z = (R_i - R_j) / sqrt(k (k + 1) / (6 N)); 2 * norm.sf(|z|); the smallest, configurations 0 and 2: 0.010112333921333462
    const pairs = holmPairs(r.meanRanks, 5);
    const p02 = pairs.find((x) => x.i === 0 && x.j === 2)!;
    expect(p02.z).toBeCloseTo(-2.571964229922337, 10);
    expect(p02.p).toBeCloseTo(0.010112333921333462, 10);
    expect(p02.pAdjusted).toBeCloseTo(6 * 0.010112333921333462, 10);
  });

  it('ranks a failed configuration (Infinity) last, tying with another failed one', () => {
    // ranks 1, 2.5, 2.5 and 2, 1, 3
    expect(friedmanTest([[1, Infinity, Infinity], [2, 1, Infinity]]).meanRanks).toEqual([1.5, 1.75, 2.75]);
  });

  it('gives an infinite F when every workload ranks alike', () => {
    const r = friedmanTest([[1, 2, 3], [1, 2, 3], [1, 2, 3]]);
    expect(r.chiSquare).toBeCloseTo(6, 12);
    expect(r.f).toBeNull();
    expect(r.fP).toBe(0);
  });
});

describe('nonSignificantGroups', () => {
  it('keeps the maximal runs without a differing pair', () => {
    // mean ranks 1, 1.5, 2.6, 3.1 with CD 1.2: [1, 1.5] and [1.5, 2.6] and [2.6, 3.1]
    const ranks = [1, 1.5, 2.6, 3.1];
    expect(nonSignificantGroups([0, 1, 2, 3], (a, b) => Math.abs(ranks[a]! - ranks[b]!) >= 1.2)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(nonSignificantGroups([0, 1, 2, 3], () => false)).toEqual([[0, 3]]);
    expect(nonSignificantGroups([0, 1, 2], () => true)).toEqual([]);
  });
});

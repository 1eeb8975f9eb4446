/**
 * Paired tests over seeds against scipy 1.17.1 (each reference value computed once with the call in
 * its comment and written in): the paired t-test, Wilcoxon's signed-rank test exact with and without
 * ties and zeros, the choice between them and Welch's, and one-sided tests against a margin.
 */
import { compareSeeds, differences, midRanks, pairedTTest, wilcoxonSignedRank } from './seed-tests';
import { welchTTest } from './stats';

const bySeed = (values: number[], seeds = values.map((_, i) => i + 1)) => new Map(values.map((v, i) => [seeds[i]!, v]));
const a = [0.912, 0.905, 0.921, 0.899, 0.917];
const b = [0.903, 0.901, 0.915, 0.897, 0.905];

describe('pairedTTest', () => {
  it('matches scipy.stats.ttest_rel and sees what Welch cannot', () => {
    // ttest_rel(a, b): t = 3.712790073055879, df 4, p = 0.020603761917039665
    const r = compareSeeds(bySeed(a), bySeed(b))!;
    expect(r).toMatchObject({ test: 'paired-t', df: 4, n: 5 });
    expect(r.t).toBeCloseTo(3.712790073055879, 10);
    expect(r.p).toBeCloseTo(0.020603761917039665, 10);
    expect(r.difference).toBeCloseTo(0.0066, 12);
    // ttest_ind(a, b, equal_var=False): p = 0.2249706201305181: the seeds' own spread hides the difference.
    expect(welchTTest(a, b)!.p).toBeCloseTo(0.2249706201305181, 8);
    // --test welch: the same seeds, not paired.
    expect(compareSeeds(bySeed(a), bySeed(b), { choice: 'welch' })).toMatchObject({ test: 'welch', n: 10 });
    expect(compareSeeds(bySeed(a), bySeed(b), { choice: 'welch' })!.p).toBeCloseTo(0.2249706201305181, 8);
  });

  it('tests one-sided against a margin: ttest_rel(x + 0.005, y, alternative="greater")', () => {
    // H0: mean(b) - mean(a) <= -0.005 (b worse than a by 0.5 points or more): t = -0.9000703207408192, p = 0.7905138702220069
    const r = compareSeeds(bySeed(b), bySeed(a), { alternative: 'greater', delta0: -0.005 })!;
    expect(r.t).toBeCloseTo(-0.9000703207408192, 10);
    expect(r.p).toBeCloseTo(0.7905138702220069, 10);
    // a against b with the same margin: t = 6.525509825370938, p = 0.0014241477588458889
    const s = compareSeeds(bySeed(a), bySeed(b), { alternative: 'greater', delta0: -0.005 })!;
    expect(s.p).toBeCloseTo(0.0014241477588458889, 10);
  });

  it('degenerates like Welch when the differences do not vary', () => {
    // 0.97 - 0.96 and 0.99 - 0.98 differ in the 17th digit; read to 12 digits they are the same 0.01.
    expect(differences([0.97, 0.98, 0.99], [0.96, 0.97, 0.98])).toEqual([0.01, 0.01, 0.01]);
    expect(pairedTTest([0.01, 0.01, 0.01])).toEqual({ t: Infinity, df: 2, p: 0 });
    expect(pairedTTest([0, 0, 0])).toEqual({ t: 0, df: 2, p: 1 });
    expect(pairedTTest([0.01])).toBeUndefined();
  });
});

describe('wilcoxonSignedRank', () => {
  it('is exact without ties: scipy.stats.wilcoxon(d, method="exact")', () => {
    const d = [1.2, -0.4, 3.1, 2.2, 0.8, 1.9, -0.1];
    expect(wilcoxonSignedRank(d)).toEqual({ statistic: 3, n: 7, p: 0.078125 }); // statistic 3.0, p 0.078125
    expect(wilcoxonSignedRank(d, 'greater')).toEqual({ statistic: 25, n: 7, p: 0.0390625 }); // alternative="greater"
  });

  it('is exact with ties and drops zeros: scipy.stats.wilcoxon(d, method=PermutationMethod(n_resamples=inf))', () => {
    expect(wilcoxonSignedRank([1, 1, 2, -2, 3, 3, 3, 0.5])).toEqual({ statistic: 4.5, n: 8, p: 0.0625 });
    expect(wilcoxonSignedRank([1, 1, 2, -2, 3, 3, 3, 0.5], 'greater')).toEqual({ statistic: 31.5, n: 8, p: 0.03125 });
    // zero_method="wilcox": the 0 is dropped; 0.02 twice and |-0.01| = 0.01 tie. statistic 1.5, p 0.09375
    const r = wilcoxonSignedRank([0, 0.02, 0.01, 0.03, -0.01, 0.02, 0.04]);
    expect(r.statistic).toBe(1.5);
    expect(r.n).toBe(6);
    expect(r.p).toBeCloseTo(0.09375, 15);
    expect(wilcoxonSignedRank([0, 0])).toEqual({ statistic: 0, n: 0, p: 1 });
    expect(midRanks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
  });

  it('cannot go below 2^(1-n): five seeds all one way give p = 0.0625', () => {
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5]).p).toBe(0.0625);
  });
});

describe('compareSeeds', () => {
  it('makes Wilcoxon from 6 pairs (auto) or when asked, keeping the paired t beside it', () => {
    const x = [0.9, 0.91, 0.92, 0.93, 0.94, 0.95];
    const y = [0.89, 0.905, 0.9, 0.925, 0.945, 0.93];
    const auto = compareSeeds(bySeed(x), bySeed(y))!;
    expect(auto.test).toBe('wilcoxon');
    // d = 0.01 0.005 0.02 0.005 -0.005 0.02: mid-ranks of |d| 4, 2, 5.5, 2, 2, 5.5; W- = 2, so W = 2 and
    // p = 2 P(W- <= 2) = 2 * 4/64: of the 64 sign patterns, the empty one and the three single 2s.
    // scipy.stats.wilcoxon(d, method=PermutationMethod(n_resamples=inf)): statistic 2.0, pvalue 0.125
    expect(auto.statistic).toBe(2);
    expect(auto.p).toBeCloseTo(0.125, 15);
    expect(auto.df).toBe(5);
    expect(compareSeeds(bySeed(x), bySeed(y), { choice: 't' })!.test).toBe('paired-t');
    expect(compareSeeds(bySeed(a), bySeed(b), { choice: 'wilcoxon' })).toMatchObject({ test: 'wilcoxon', p: 0.0625 });
  });

  it('pairs on the seeds both ran where one has all of the other\'s (a sequential run added seeds to the leaders)', () => {
    // Seeds 1-3 of a against b: d = [0.01, 0.02, 0.02], t = 0.016667 / (0.0057735 / √3) = 5, df 2,
    // p = 1 - t / √(2 + t²) = 1 - 5 / √27 (Student's t with 2 df has that closed form).
    const more = bySeed([0.91, 0.93, 0.94, 0.99, 0.5]);
    const fewer = bySeed([0.9, 0.91, 0.92]);
    const r = compareSeeds(more, fewer)!;
    expect(r).toMatchObject({ test: 'paired-t', n: 3, df: 2 });
    expect(r.t).toBeCloseTo(5, 10);
    expect(r.p).toBeCloseTo(1 - 5 / Math.sqrt(27), 12);
    expect(r.difference).toBeCloseTo((0.91 + 0.93 + 0.94 + 0.99 + 0.5) / 5 - 0.91, 12); // the means' difference, as the table shows
    expect(compareSeeds(fewer, more)!.t).toBeCloseTo(-5, 10);
    // Overlapping, neither within the other: Welch's, as before.
    expect(compareSeeds(bySeed([0.9, 0.91, 0.92]), bySeed([0.9, 0.91, 0.92], [1, 2, 4]))!.test).toBe('welch');
  });

  it("makes Welch's t-test where the seed sets differ, and nothing with a single value", () => {
    // ttest_ind([0.96, 0.97, 0.98], [0.97, 0.98, 0.975], equal_var=False, alternative="greater") after the shift:
    // t = -0.7745966692414661, df = 2.9411764705882355, p = 0.7519723127707353
    const r = compareSeeds(bySeed([0.95, 0.96, 0.97]), bySeed([0.97, 0.98, 0.975], [1, 2, 4]), { alternative: 'greater', delta0: -0.01 })!;
    expect(r).toMatchObject({ test: 'welch', n: 6 });
    expect(r.t).toBeCloseTo(-0.7745966692414661, 10);
    expect(r.df).toBeCloseTo(2.9411764705882355, 10);
    expect(r.p).toBeCloseTo(0.7519723127707353, 10);
    expect(compareSeeds(bySeed([0.9]), bySeed([0.9, 0.8]))).toBeUndefined();
  });
});

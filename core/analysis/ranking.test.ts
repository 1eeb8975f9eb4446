/**
 * The ranking of configurations: paired (or Welch) ties against the group's best, Holm-adjusted
 * (competition ranks 1, 1, 3), bounded intervals, single
 * seeds, diverged and failed trials last, the other metrics (train seconds, time-to-target), workloads
 * ranked apart, and the note printed under the table.
 */
import { makeTrial, seeds } from '../../test/fixtures/make-trial';
import { describeRanking, rankConfigurations } from './ranking';

const ranks = (r: ReturnType<typeof rankConfigurations>) => r.map((e) => [e.label, e.rank]);

describe('rankConfigurations', () => {
  it('ties configurations whose paired difference is not significant (alpha 0.05): competition ranks 1, 1, 3', () => {
    // Per-seed differences from a: b 0.01, 0, 0.02 (paired t = 1.732, df 2, p = 0.2254: a tie);
    // c 0.07 on every seed (t = -Infinity, p = 0). scipy.stats.ttest_rel(b, a) gives p = 0.22540333075851665.
    const r = rankConfigurations([...seeds('c', [0.9, 0.91, 0.92]), ...seeds('b', [0.96, 0.98, 0.97]), ...seeds('a', [0.97, 0.98, 0.99])]);
    expect(ranks(r)).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
    ]);
    expect(r[0]!.vsBest).toBeUndefined();
    expect(r[1]!.vsBest).toMatchObject({ configId: r[0]!.configId, test: 'paired-t', df: 2, n: 3 });
    expect(r[1]!.vsBest!.p).toBeCloseTo(0.22540333075851665, 10);
    expect(r[1]!.vsBest!.t).toBeCloseTo(-Math.sqrt(3), 10);
    // Holm over the best's two comparisons: sorted 0 x 2 = 0, then max(0, 0.2254 x 1).
    expect(r[1]!.vsBest!.pAdjusted).toBeCloseTo(0.22540333075851665, 10);
    expect(r[2]!.vsBest).toMatchObject({ test: 'paired-t', statistic: null, t: null, p: 0, pAdjusted: 0 });
    expect(r[0]!.testAccuracy!.mean).toBeCloseTo(0.98, 15);
  });

  it("separates what the seeds' own spread hides from Welch's test: the paired test on per-seed differences", () => {
    // scipy.stats.ttest_rel(b, a): t = -3.712790073055879, p = 0.020603761917039665;
    // scipy.stats.ttest_ind(b, a, equal_var=False): p = 0.2249706201305181 (would tie).
    const r = rankConfigurations([...seeds('a', [0.912, 0.905, 0.921, 0.899, 0.917]), ...seeds('b', [0.903, 0.901, 0.915, 0.897, 0.905])]);
    expect(ranks(r)).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(r[1]!.vsBest!.p).toBeCloseTo(0.020603761917039665, 10);
    expect(r[1]!.vsBest!.t).toBeCloseTo(-3.712790073055879, 10);
  });

  it("makes Welch's test where the seed sets differ, and Wilcoxon's from 6 shared seeds or when asked", () => {
    const a = [0.912, 0.905, 0.921, 0.899, 0.917];
    const b = [0.903, 0.901, 0.915, 0.897, 0.905];
    const welch = rankConfigurations([...seeds('a', a), ...b.map((v, i) => makeTrial({ config: 'b', seed: i + 10, testAccuracy: v }))]);
    expect(welch[1]!.vsBest).toMatchObject({ test: 'welch', n: 10 });
    expect(welch[1]!.vsBest!.p).toBeCloseTo(0.2249706201305181, 8);
    expect(welch[1]!.rank).toBe(1);
    // Asked for Wilcoxon: five differences all one way, exact p = 2 / 2^5 = 0.0625 (scipy.stats.wilcoxon(d, method="exact")).
    const w = rankConfigurations([...seeds('a', a), ...seeds('b', b)], { test: 'wilcoxon' });
    expect(w[1]!.vsBest).toMatchObject({ test: 'wilcoxon', statistic: 0, n: 5, p: 0.0625, df: 4 });
    expect(w[1]!.rank).toBe(1);
    const six = rankConfigurations([...seeds('a', [...a, 0.93]), ...seeds('b', [...b, 0.92])]);
    expect(six[1]!.vsBest).toMatchObject({ test: 'wilcoxon', n: 6, p: 0.03125 });
  });

  it("holds rank groups family-wise: Holm's adjustment over the best's comparisons (correction: none tests each alone)", () => {
    // Against best, scipy.stats.ttest_rel gives p = 0.030960716449221864 (x3), 0.037580388613033276 (x1),
    // 0.03410942316740962 (x2): each below 0.05 alone; Holm: 0.03096 x 3 = 0.0929, then max(0.0929, ...): all tie.
    const best = [0.95, 0.96, 0.97, 0.94, 0.955];
    const trials = [
      ...seeds('best', best),
      ...seeds('x1', [0.94, 0.958, 0.964, 0.936, 0.939]),
      ...seeds('x2', [0.946, 0.942, 0.96, 0.938, 0.939]),
      ...seeds('x3', [0.938, 0.957, 0.962, 0.939, 0.945]),
    ];
    const holm = rankConfigurations(trials);
    expect(ranks(holm)).toEqual([
      ['best', 1],
      ['x3', 1],
      ['x1', 1],
      ['x2', 1],
    ]);
    for (const e of holm.slice(1)) expect(e.vsBest!.pAdjusted).toBeCloseTo(3 * 0.030960716449221864, 10);
    expect(holm[1]!.vsBest!.p).toBeCloseTo(0.030960716449221864, 10);
    const none = rankConfigurations(trials, { correction: 'none' });
    expect(none[1]!.rank).toBe(2);
    expect(none[1]!.vsBest!.pAdjusted).toBe(none[1]!.vsBest!.p);
  });

  it('compares with the best of the group, so ties do not chain', () => {
    // Paired: b ties a (p = 0.2254); c ties b (p = 0.1885) but not a (t = -8.66, p = 0.01307; Holm over
    // a's two comparisons: 0.01307 x 2 = 0.0261 < 0.05): comparing neighbours would chain c into rank 1.
    const a = seeds('a', [0.97, 0.98, 0.99]);
    const b = seeds('b', [0.96, 0.98, 0.97]);
    const c = seeds('c', [0.95, 0.95, 0.965]);
    const r = rankConfigurations([...a, ...b, ...c]);
    expect(ranks(r)).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
    ]);
    expect(r[2]!.vsBest!.p).toBeCloseTo(0.01307245756034652, 10);
    expect(r[2]!.vsBest!.pAdjusted).toBeCloseTo(2 * 0.01307245756034652, 10);
  });

  it('keeps accuracy intervals inside [0, 1], shows none below 3 seeds, and states the test set\'s binomial error', () => {
    const r = rankConfigurations([...seeds('top', [0.99, 1, 1]), ...seeds('two', [0.9, 0.8])]);
    const top = r[0]!.testAccuracy!;
    expect(top).toMatchObject({ ciMethod: 'bca', ciScale: 'bounded' });
    expect(top.ciLow).toBeGreaterThanOrEqual(0.99);
    expect(top.ciHigh).toBeLessThanOrEqual(1);
    expect(r[1]!.testAccuracy).toMatchObject({ n: 2, ciLow: null, ciHigh: null });
    expect(r[0]!.trainSeconds).toMatchObject({ ciScale: 'log' });
    expect(r[0]!.trainSeconds!.ciLow).toBeCloseTo(10, 12);
    // make-trial's test set has 10 images: sqrt(p (1 - p) / 10) at p = 0.99667.
    const p = (0.99 + 1 + 1) / 3;
    expect(r[0]!.testSet!.images).toBe(10);
    expect(r[0]!.testSet!.se).toBeCloseTo(Math.sqrt((p * (1 - p)) / 10), 15);
    expect(rankConfigurations(seeds('t', [0.99, 1, 1]), { interval: 't' })[0]!.testAccuracy).toMatchObject({ ciMethod: 't', ciHigh: 1 });
  });

  it('ties single-seed configurations only when their means are equal', () => {
    const r = rankConfigurations([...seeds('x', [0.9]), ...seeds('y', [0.9]), ...seeds('z', [0.8])]);
    expect(ranks(r)).toEqual([
      ['x', 1],
      ['y', 1],
      ['z', 3],
    ]);
    expect(r[1]!.vsBest).toBeNull();
  });

  it('ranks configurations with diverged or failed trials last, counts them, and never ties them', () => {
    const r = rankConfigurations([
      ...seeds('good', [0.9, 0.91]),
      makeTrial({ config: 'shaky', seed: 1, testAccuracy: 0.99 }),
      makeTrial({ config: 'shaky', seed: 2, status: 'diverged' }),
      makeTrial({ config: 'broken', seed: 1, status: 'failed' }),
      makeTrial({ config: 'broken', seed: 2, status: 'failed' }),
      makeTrial({ config: 'worse', seed: 1, testAccuracy: 0.5 }),
      makeTrial({ config: 'worse', seed: 2, status: 'failed' }),
    ]);
    expect(ranks(r)).toEqual([
      ['good', 1],
      ['shaky', 2],
      ['worse', 3],
      ['broken', 4],
    ]);
    expect(r[1]).toMatchObject({ trials: 2, ok: 1, diverged: 1, failed: 0, vsBest: null });
    expect(r[3]).toMatchObject({ trials: 2, ok: 0, diverged: 0, failed: 2, testAccuracy: null });
  });

  it('ranks by train seconds, lower first', () => {
    const r = rankConfigurations(
      [...seeds('slow', [0.9, 0.9], { trainSeconds: 20 }), ...seeds('fast', [0.8, 0.8], { trainSeconds: 10 })],
      { rankBy: 'trainSeconds' },
    );
    expect(ranks(r)).toEqual([
      ['fast', 1],
      ['slow', 2],
    ]);
  });

  it('ranks by time-to-target: all seeds reaching first, then some, then none; counts those that never reach', () => {
    const target = { metric: 'valAccuracy' as const, value: 0.95 };
    const trials = [
      // quick: reaches at epoch 1 of 2 (5 s of 10) on both seeds.
      ...seeds('quick', [0.9, 0.9], { valAccuracy: [0.96, 0.97] }),
      // late: reaches at epoch 2 (10 s) on both seeds.
      ...seeds('late', [0.99, 0.99], { valAccuracy: [0.5, 0.96] }),
      // partial: one seed reaches at epoch 1, one never.
      makeTrial({ config: 'partial', seed: 1, valAccuracy: [0.96, 0.97] }),
      makeTrial({ config: 'partial', seed: 2, valAccuracy: [0.5, 0.6] }),
      ...seeds('never', [0.5, 0.5], { valAccuracy: [0.1, 0.2] }),
    ];
    const r = rankConfigurations(trials, { rankBy: 'timeToTarget', target });
    expect(ranks(r)).toEqual([
      ['quick', 1],
      ['late', 2],
      ['partial', 3],
      ['never', 4],
    ]);
    expect(r[0]!.timeToTarget).toMatchObject({ reached: 2, of: 2, seconds: { mean: 5, sd: 0 }, epochs: { mean: 1 } });
    expect(r[2]!.timeToTarget).toMatchObject({ reached: 1, of: 2, seconds: { n: 1, mean: 5 } });
    expect(r[3]!.timeToTarget).toEqual({ reached: 0, of: 2, seconds: null, epochs: null });
    // Equal zero-variance times: quick (5 s) and late (10 s) differ with p = 0.
    expect(r[1]!.vsBest).toMatchObject({ p: 0 });
  });

  it('ranks within each workload (model/dataset), workloads in the order of the trials', () => {
    const r = rankConfigurations([
      ...seeds('adam', [0.9, 0.91, 0.92], { dataset: 'fashion' }),
      ...seeds('sgd', [0.8, 0.81, 0.82], { dataset: 'fashion' }),
      ...seeds('sgd', [0.99, 0.99, 0.99], { dataset: 'mnist' }),
      ...seeds('adam', [0.97, 0.98, 0.99], { dataset: 'mnist' }),
    ]);
    expect(r.map((e) => [e.label, e.dataset, e.rank])).toEqual([
      ['adam', 'fashion', 1],
      ['sgd', 'fashion', 2],
      ['sgd', 'mnist', 1],
      ['adam', 'mnist', 1],
    ]);
    expect(r[3]!.vsBest!.configId).toBe(r[2]!.configId);
    expect(describeRanking({}, 2)).toContain('Ranks are within each of the 2 workloads (model/dataset)');
  });

  it('needs a target to rank by time-to-target', () => {
    expect(() => rankConfigurations([], { rankBy: 'timeToTarget' })).toThrow(/needs a target/);
  });
});

describe('describeRanking', () => {
  it('states the metric, the tests, the correction, the intervals and the test set', () => {
    const note = describeRanking();
    expect(note).toMatch(/^Ranked by final test accuracy, mean over seeds, higher is better\. .*alpha = 0\.05/);
    expect(note).toContain('seed by seed: the paired t-test on per-seed differences, from 6 seeds the Wilcoxon signed-rank test (exact); Welch\'s t-test where the seeds differ');
    expect(note).toContain("p values are Holm-adjusted over each rank group's comparisons");
    expect(note).toContain('95% CI of the mean: BCa bootstrap over seeds, within [0, 100] for accuracies, on the log scale for times; with fewer than 3 seeds the range (min-max) instead');
    expect(describeRanking({ correction: 'none', interval: 't', test: 't' })).toMatch(/not adjusted for multiple comparisons.*Student t/s);
    const r = rankConfigurations(seeds('a', [0.9, 0.92, 0.91]));
    expect(describeRanking({}, 1, r)).toContain('A single trial\'s test accuracy is uncertain by its test set: mnist 10 test images, binomial standard error ±9.05 points at 91.00%.');
    expect(describeRanking({ rankBy: 'timeToTarget', target: { metric: 'valAccuracy', value: 0.98 } })).toContain(
      'Ranked by time-to-target (train seconds until validation accuracy >= 0.98), mean over seeds, lower is better.',
    );
  });
});

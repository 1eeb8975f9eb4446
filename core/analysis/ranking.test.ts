/**
 * The ranking of configurations: Welch ties against the group's best (competition ranks 1, 1, 3), single
 * seeds, diverged and failed trials last, the other metrics (train seconds, time-to-target), workloads
 * ranked apart, and the note printed under the table.
 */
import { makeTrial, seeds } from '../../test/fixtures/make-trial';
import { describeRanking, rankConfigurations } from './ranking';

const ranks = (r: ReturnType<typeof rankConfigurations>) => r.map((e) => [e.label, e.rank]);

describe('rankConfigurations', () => {
  it('ties configurations whose difference is not significant (Welch, alpha 0.05): competition ranks 1, 1, 3', () => {
    // a vs b: t = 1.2247, df 4, p = 0.288 (tie); a vs c: t = 8.57, p = 0.0010 (rank 3).
    const r = rankConfigurations([...seeds('c', [0.9, 0.91, 0.92]), ...seeds('b', [0.96, 0.97, 0.98]), ...seeds('a', [0.97, 0.98, 0.99])]);
    expect(ranks(r)).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
    ]);
    expect(r[0]!.vsBest).toBeUndefined();
    expect(r[1]!.vsBest!.p).toBeCloseTo(0.28786413472669053, 8);
    expect(r[1]!.vsBest!.configId).toBe(r[0]!.configId);
    expect(r[2]!.vsBest!.p).toBeCloseTo(0.0010166626172891209, 8);
    expect(r[0]!.testAccuracy!.mean).toBeCloseTo(0.98, 15);
    expect(r[0]!.testAccuracy!.ciLow).toBeCloseTo(0.98 - (4.302652729749462 * 0.01) / Math.sqrt(3), 12);
  });

  it('compares with the best of the group, so ties do not chain', () => {
    // b ties a (p = 0.288); c is not distinguishable from b (t = 1.837, df 4, p = 0.140) but is from a
    // (t = 3.062, p = 0.0376): comparing neighbours would chain c into rank 1; against the group's best it is 3.
    const a = seeds('a', [0.97, 0.98, 0.99]);
    const b = seeds('b', [0.96, 0.97, 0.98]);
    const c = seeds('c', [0.945, 0.955, 0.965]);
    const r = rankConfigurations([...a, ...b, ...c]);
    expect(ranks(r)).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
    ]);
    expect(r[2]!.vsBest!.p).toBeCloseTo(0.03759, 4);
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
  it('states the metric, the test and its alpha', () => {
    expect(describeRanking()).toMatch(/^Ranked by final test accuracy, mean over seeds, higher is better\. .*Welch's t-test .*alpha = 0\.05/);
    expect(describeRanking({ rankBy: 'timeToTarget', target: { metric: 'valAccuracy', value: 0.98 } })).toContain(
      'Ranked by time-to-target (train seconds until validation accuracy >= 0.98), mean over seeds, lower is better.',
    );
  });
});

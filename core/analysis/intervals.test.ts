/**
 * Intervals of a mean over seeds: the BCa bootstrap against a brute-force enumeration of every ordered
 * resample (scratch Python, itertools.product over the n^n resamples with the same formulas, run once;
 * its values are written in) and against scipy.stats.bootstrap(method="BCa"); Student t bounded to
 * [0, 1] and on the log scale against scipy.stats.t.interval.
 */
import { bcaInterval, bootstrapMeans, distributionQuantile, meanInterval } from './intervals';
import { summarize } from './stats';

describe('bootstrapMeans', () => {
  it('enumerates the 10 multisets of three seeds with their multinomial probabilities', () => {
    const dist = bootstrapMeans([1, 2, 3]);
    expect(dist).toHaveLength(10);
    expect(dist.reduce((s, [, w]) => s + w, 0)).toBeCloseTo(1, 15);
    // mean 1: only (1,1,1), 1/27; mean 2: (2,2,2) 1/27 and (1,2,3) 6/27, 7/27 in all.
    expect(dist[0]).toEqual([1, 1 / 27]);
    expect(dist.filter(([v]) => v === 2).reduce((s, [, w]) => s + w, 0)).toBeCloseTo(7 / 27, 15);
    expect(distributionQuantile(dist, 0.5)).toBe(2);
  });
});

describe('bcaInterval', () => {
  it('matches the brute-force enumeration (n = 3 and 4)', () => {
    // Symmetric three seeds: z0 = 0, a = 0, and the 2.5% and 97.5% points are the extremes (each 1/27 > 2.5%).
    const three = bcaInterval([0.97, 0.98, 0.99]);
    expect(three.low).toBeCloseTo(0.97, 14);
    expect(three.high).toBeCloseTo(0.99, 14);
    // enumeration: (0.9537499999999999, 0.9850000000000001), z0 = 0.05878293606894307, a = 0.04275199653835747
    const four = bcaInterval([0.95, 0.97, 0.955, 0.99]);
    expect(four.method).toBe('bca');
    expect(four.low).toBeCloseTo(0.95375, 14);
    expect(four.high).toBeCloseTo(0.985, 14);
  });

  it('is close to scipy.stats.bootstrap(method="BCa") with 12 seeds (9,999 resamples from a fixed seed)', () => {
    // scipy.stats.bootstrap((x,), np.mean, method='BCa', n_resamples=200000, rng=np.random.default_rng(0)):
    // (0.9071666666666666, 0.9180833333333336); the two Monte Carlo estimates differ in the 4th decimal.
    const x = [0.912, 0.905, 0.921, 0.899, 0.917, 0.903, 0.925, 0.908, 0.915, 0.899, 0.931, 0.911];
    const r = bcaInterval(x);
    expect(Math.abs(r.low - 0.9071666666666666)).toBeLessThan(5e-4);
    expect(Math.abs(r.high - 0.9180833333333336)).toBeLessThan(5e-4);
    expect(bcaInterval(x)).toEqual(r); // reproducible
  });
});

describe('meanInterval', () => {
  it('keeps an accuracy interval inside [0, 1]: bootstrap within the seeds, t cut at 1', () => {
    // scipy.stats.t.interval(0.95, 2, loc=mean, scale=sem) for 0.99, 1, 1: (0.9823244909008352, 1.0110088424324983)
    expect(meanInterval([0.99, 1, 1], 't', 'bounded')).toEqual({ low: 0.9823244909008352, high: 1, method: 't', scale: 'bounded' });
    const boot = meanInterval([0.99, 1, 1], 'bootstrap', 'bounded')!;
    expect(boot.low).toBeGreaterThanOrEqual(0.99);
    expect(boot.high).toBeLessThanOrEqual(1);
  });

  it('makes time intervals on the log scale', () => {
    const t = [10.2, 11.0, 9.8, 12.5, 10.4];
    // [exp(v) for v in scipy.stats.t.interval(0.95, 4, loc=mean(log t), scale=sem(log t))]: 9.552082251883792, 12.077216745720442
    const tLog = meanInterval(t, 't', 'log')!;
    expect(tLog.low).toBeCloseTo(9.552082251883792, 10);
    expect(tLog.high).toBeCloseTo(12.077216745720442, 10);
    // enumeration of ln t, transformed back: 10.148943863279525, 11.876899508085318
    const boot = meanInterval(t, 'bootstrap', 'log')!;
    expect(boot.low).toBeCloseTo(10.148943863279525, 10);
    expect(boot.high).toBeCloseTo(11.876899508085318, 10);
    expect(meanInterval([0, 1, 2], 't', 'log')!.scale).toBe('linear');
  });

  it('gives none below three values; summarize then has no interval and no method', () => {
    expect(meanInterval([0.9, 0.8], 'bootstrap', 'bounded')).toBeUndefined();
    expect(summarize([0.9, 0.8], { interval: 'bootstrap', scale: 'bounded' })).toMatchObject({ ciLow: null, ciHigh: null, min: 0.8, max: 0.9 });
    expect(summarize([0.9, 0.8])).not.toHaveProperty('ciMethod');
    expect(summarize([0.97, 0.98, 0.99], { interval: 'bootstrap', scale: 'bounded' })).toMatchObject({ ciMethod: 'bca', ciScale: 'bounded' });
  });
});

/**
 * Power and seeds of the t-tests. Reference values: the formula of statsmodels' TTestPower /
 * TTestIndPower (power = nct.sf(c, df, nc) + nct.cdf(-c, df, nc), c = t.isf(alpha / 2, df)) evaluated
 * with scipy 1.17.1 (statsmodels is not installed here) and solved with scipy.optimize.brentq, once;
 * the classic d = 1 sample size (10 pairs at alpha 0.05 for 80%, Cohen 1988) is a hand check.
 */
import { minimumDetectableEffect, seedsFor, tTestPower, wilcoxonMinimumSeeds } from './power';

describe('tTestPower', () => {
  it('matches the noncentral t formula', () => {
    expect(tTestPower(1, 10, 0.05, 'paired')).toBeCloseTo(0.8030968566327218, 8);
    expect(tTestPower(1, 9, 0.05, 'paired')).toBeCloseTo(0.7480170922294764, 8);
    expect(tTestPower(1, 17, 0.05, 'independent')).toBeCloseTo(0.8070367151472198, 8);
    expect(tTestPower(0, 5, 0.05, 'paired')).toBeCloseTo(0.05, 9); // no effect: the level itself
  });
});

describe('minimumDetectableEffect', () => {
  it.each([
    [5, 0.05, 'paired', 1.6819969659555547], // brentq(lambda d: power(d, 5, 0.05) - 0.8, ...)
    [3, 0.05, 'paired', 3.2640435496995726],
    [4, 0.05, 'paired', 2.127949343257801],
    [5, 0.05 / 3, 'paired', 2.2916492050677832],
    [5, 0.05, 'independent', 2.0244393393845432],
    // two seeds: scipy's nct gives NaN this far out; integrate.quad of norm.cdf(t u / sqrt(df) - nc) * chi.pdf(u, df)
    [2, 0.05, 'paired', 11.549888435882576],
  ] as const)('n = %i, level %f, %s: d = %f', (n, level, design, d) => {
    expect(minimumDetectableEffect(n, level, 0.8, design)).toBeCloseTo(d, 6);
  });
});

describe('seedsFor', () => {
  it('finds the smallest n reaching 80%', () => {
    expect(seedsFor(1, 0.05, 0.8, 'paired')).toBe(10); // 0.8031 at 10, 0.7480 at 9
    expect(seedsFor(2, 0.05, 0.8, 'paired')).toBe(5); // 0.9089 at 5, 0.7550 at 4
    expect(seedsFor(1, 0.05 / 3, 0.8, 'paired')).toBe(14); // 0.8226 at 14, 0.7799 at 13
    expect(seedsFor(1, 0.05, 0.8, 'independent')).toBe(17); // 0.8070 at 17, 0.7814 at 16 (per configuration)
    expect(seedsFor(0.01, 0.05, 0.8, 'paired')).toBeUndefined(); // beyond 1000
    expect(seedsFor(0, 0.05, 0.8, 'paired')).toBeUndefined();
  });

  it("knows the fewest pairs with which Wilcoxon's exact test can reach a level: 2^(1 - n) < level", () => {
    expect(wilcoxonMinimumSeeds(0.05)).toBe(6); // 2^-5 = 0.031
    expect(wilcoxonMinimumSeeds(0.05 / 7)).toBe(9); // 2^-7 = 0.0078 > 0.0071, 2^-8 = 0.0039
    expect(wilcoxonMinimumSeeds(0.0625)).toBe(6); // 2^-4 = 0.0625 is not below it
  });
});

/**
 * The distributions behind the tests and intervals, against scipy 1.17.1: every reference value below
 * was computed once with the scipy call in its comment and written in.
 */
import { chiSquareSf, fSf, noncentralTCdf, normalCdf, normalQuantile, normalRangeQuantile } from './distributions';

describe('normal, chi-square and F', () => {
  it('matches scipy.stats.norm, chi2 and f', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14); // norm.cdf(1.96)
    expect(normalCdf(-1.5)).toBeCloseTo(0.06680720126885807, 14); // norm.cdf(-1.5)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13); // norm.ppf(0.975)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12); // norm.ppf(0.001)
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(chiSquareSf(7.8, 3)).toBeCloseTo(0.050331097859853326, 13); // chi2.sf(7.8, 3)
    expect(chiSquareSf(12.3, 5)).toBeCloseTo(0.03090046463546092, 13); // chi2.sf(12.3, 5)
    expect(fSf(4.1, 3, 21)).toBeCloseTo(0.01944478307103867, 13); // f.sf(4.1, 3, 21)
    expect(fSf(0.7, 4, 12)).toBeCloseTo(0.60665607527506, 12); // f.sf(0.7, 4, 12)
    expect([chiSquareSf(0, 2), fSf(Infinity, 2, 3)]).toEqual([1, 0]);
  });
});

describe('noncentralTCdf', () => {
  it.each([
    [2.5, 4, 1.5, 0.7373937430166785], // nct.cdf(2.5, 4, 1.5)
    [-1, 1, 2, 0.006185760134662165], // nct.cdf(-1, 1, 2)
    [3.1, 9, 2.2, 0.7443244717247093], // nct.cdf(3.1, 9, 2.2)
    [4.3, 2, 5, 1 - 0.7195783243426408], // 1 - nct.sf(4.3, 2, 5)
  ])('t = %f, df = %i, nc = %f: scipy.stats.nct.cdf', (t, df, nc, p) => {
    expect(Math.abs(noncentralTCdf(t, df, nc) - p)).toBeLessThan(1e-8);
  });

  it('is Student t when the noncentrality is 0 (F(1.5; 3) = 0.8847 by the closed form)', () => {
    // Student t, 3 df: F(t) = 1/2 + (1/π) [t/√3 / (1 + t²/3) + atan(t/√3)].
    const t = 1.5;
    const u = t / Math.sqrt(3);
    expect(noncentralTCdf(t, 3, 0)).toBeCloseTo(0.5 + (u / (1 + u * u) + Math.atan(u)) / Math.PI, 9);
  });
});

describe('normalRangeQuantile', () => {
  // Demšar (2006) Table 5, q_0.05 for the Nemenyi test: 1.960 2.343 2.569 2.728 2.850 2.949 3.031 3.102 3.164;
  // to full precision scipy.stats.studentized_range.ppf(0.95, k, np.inf) / np.sqrt(2).
  it.each([
    [2, 1.9599639845400534],
    [3, 2.343700586378409],
    [4, 2.569031772546482],
    [5, 2.7277743708703763],
    [6, 2.8497054196100016],
    [7, 2.9483200175296744],
    [8, 3.030878449614413],
    [9, 3.1017303413033805],
    [10, 3.163683577053373],
    [15, 3.391230283765257],
  ])('k = %i: q_0.05 = %f', (k, q) => {
    expect(normalRangeQuantile(0.95, k) / Math.SQRT2).toBeCloseTo(q, 9);
  });

  it('is |Z1 - Z2| for two: √2 times the normal quantile', () => {
    expect(normalRangeQuantile(0.9, 2)).toBeCloseTo(Math.SQRT2 * 1.6448536269514722, 9);
  });
});

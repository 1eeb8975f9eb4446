/**
 * Statistics over seeds against published and hand-computed values: Student t critical values, the
 * summary of a sample (mean, sd, 95% CI), and Welch's test, which the seed tests and the regression gate share.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { confidenceInterval, significantlyDifferent, summarize, tCritical, welchTTest } from './stats';

// Critical values of Student's t, two-sided 95% (0.975 quantile): the published table values
// 12.706, 4.303, 2.776, 2.262, 2.042, to 16 digits (scipy.stats.t.ppf agrees to the last digit).
describe('tCritical', () => {
  it.each([
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [4, 2.7764451051977934],
    [9, 2.262157162798205],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
  ])('df = %i: %f', (df, t) => {
    expect(tCritical(df)).toBeCloseTo(t, 12);
  });

  it('is 12.7062 for df = 1 by the closed form tan(pi/2 * 0.95)', () => {
    // For one degree of freedom t is Cauchy: the 0.975 quantile is tan(pi * (0.975 - 0.5)).
    expect(tCritical(1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 12);
  });

  it('tends to the normal 1.959964 for large df, and takes other confidence levels', () => {
    expect(tCritical(1e6)).toBeCloseTo(1.959966356814107, 9);
    expect(tCritical(4, 0.99)).toBeCloseTo(4.604094871349992, 12);
  });

  it('refuses df <= 0 and confidence outside (0, 1)', () => {
    expect(() => tCritical(0)).toThrow(RangeError);
    expect(() => tCritical(3, 1)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives mean, sd (n - 1), median, min, max and the Student t 95% CI of 1..5', () => {
    // mean 3; squared deviations 4+1+0+1+4 = 10, sd = sqrt(10/4) = sqrt(2.5); sem = sqrt(2.5/5) = sqrt(0.5);
    // CI = 3 ± t(0.975, 4) * sqrt(0.5) = 3 ± 2.7764451051977934 * 0.7071067811865476 = 3 ± 1.9632432...
    const s = summarize([5, 1, 4, 2, 3])!;
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 15);
    expect(s.median).toBe(3);
    expect(s.min).toBe(1);
    expect(s.max).toBe(5);
    expect(s.ciLow).toBeCloseTo(3 - 2.7764451051977934 * Math.sqrt(0.5), 12);
    expect(s.ciHigh).toBeCloseTo(3 + 2.7764451051977934 * Math.sqrt(0.5), 12);
    expect(s.ciHigh! - 3).toBeCloseTo(1.9632432, 7);
  });

  it('gives the CI of three accuracies 0.97, 0.98, 0.99: 0.98 ± 4.3027 * 0.01 / sqrt(3)', () => {
    const s = summarize([0.97, 0.98, 0.99])!;
    expect(s.mean).toBeCloseTo(0.98, 15);
    expect(s.sd).toBeCloseTo(0.01, 15);
    expect(s.ciLow).toBeCloseTo(0.98 - 0.024841, 6);
    expect(s.ciHigh).toBeCloseTo(0.98 + 0.024841, 6);
  });

  it('has sd 0 and no CI for one value, and nothing for none', () => {
    expect(summarize([0.5])).toEqual({ n: 1, mean: 0.5, sd: 0, median: 0.5, min: 0.5, max: 0.5, ciLow: null, ciHigh: null });
    expect(summarize([])).toBeUndefined();
    expect(confidenceInterval([1])).toBeUndefined();
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(summarize([4, 1, 3, 2])!.median).toBe(2.5);
  });
});

describe('welchTTest', () => {
  it('matches the hand computation for 1..5 against 2, 4, 6', () => {
    // v_a/n_a = 2.5/5 = 1/2, v_b/n_b = 4/3; se² = 11/6; t = (3 - 4) / sqrt(11/6) = -0.738548945875996
    // df = (11/6)² / ((1/2)²/4 + (4/3)²/2) = (121/36) / (137/144) = 484/137 = 3.532846715328467
    // p (two-sided) = 0.5062141716528481 (scipy.stats.ttest_ind(equal_var=False) gives the same).
    const r = welchTTest([1, 2, 3, 4, 5], [2, 4, 6])!;
    expect(r.t).toBeCloseTo(-1 / Math.sqrt(11 / 6), 14);
    expect(r.df).toBeCloseTo(484 / 137, 12);
    expect(r.p).toBeCloseTo(0.5062141716528481, 10);
    expect(r.difference).toBe(-1);
  });

  it('gives p = 0.2879 for accuracies one point apart over three seeds, p = 0.0010 for seven points', () => {
    // sd 0.01 each: se = 0.01 * sqrt(2/3); t = sqrt(1.5) = 1.2247, df = 4 (equal variances and sizes).
    const near = welchTTest([0.97, 0.98, 0.99], [0.96, 0.97, 0.98])!;
    expect(near.t).toBeCloseTo(Math.sqrt(1.5), 10);
    expect(near.df).toBeCloseTo(4, 10);
    expect(near.p).toBeCloseTo(0.28786413472669053, 8);
    const far = welchTTest([0.97, 0.98, 0.99], [0.9, 0.91, 0.92])!;
    expect(far.t).toBeCloseTo(7 * Math.sqrt(1.5), 8);
    expect(far.p).toBeCloseTo(0.0010166626172891209, 8);
  });

  it('accepts moments (a Summary) as well as samples, and is symmetric', () => {
    const a = [1, 2, 3, 4, 5];
    const b = [2, 4, 6];
    const fromMoments = welchTTest(summarize(a)!, summarize(b)!)!;
    const fromSamples = welchTTest(a, b)!;
    expect(fromMoments.p).toBeCloseTo(fromSamples.p, 15);
    const swapped = welchTTest(b, a)!;
    expect(swapped.t).toBeCloseTo(-fromSamples.t, 15);
    expect(swapped.p).toBeCloseTo(fromSamples.p, 15);
  });

  it('cannot test a sample of one (undefined), and degenerates cleanly without variance', () => {
    expect(welchTTest([1], [1, 2])).toBeUndefined();
    expect(significantlyDifferent([1], [1, 2])).toBeUndefined();
    expect(welchTTest([2, 2], [2, 2, 2])).toEqual({ t: 0, df: 3, p: 1, difference: 0 });
    expect(welchTTest([3, 3], [2, 2])).toEqual({ t: Infinity, df: 2, p: 0, difference: 1 });
  });

  // References: t and df by hand (exact fractions), p from scipy 1.17.1 `scipy.stats.ttest_ind(a, b, equal_var=False)`,
  // which agrees with 2 * stats.t.sf(|t|, df) on the hand values. The gate calls welchTTest(current, baseline).
  it('matches the hand-computed t = 1.5, df = 135/17 and scipy p', () => {
    // b: mean 5/2, s^2 = 5/3, s^2/n = 5/12; a: mean 4, s^2 = 7/2, s^2/n = 7/12; se = 1.
    const r = welchTTest([1.5, 2.5, 3.5, 4.5, 5.5, 6.5], [1, 2, 3, 4])!;
    expect(r.difference).toBe(1.5);
    expect(r.difference / r.t).toBeCloseTo(1, 12); // the standard error
    expect(r.t).toBeCloseTo(1.5, 12);
    // df = 1 / ((5/12)^2 / 3 + (7/12)^2 / 5) = 135/17
    expect(r.df).toBeCloseTo(135 / 17, 12);
    expect(Math.abs(r.p - 0.17227907729130926)).toBeLessThan(1e-6);
  });

  it('matches scipy on unequal sizes and variances (df = 521284/114721)', () => {
    const r = welchTTest([12.1, 11.8, 13.0], [10.2, 11.5, 9.8, 10.9, 10.4])!;
    expect(r.t).toBeCloseTo(3.7386948705638, 10);
    expect(r.df).toBeCloseTo(521284 / 114721, 10);
    expect(Math.abs(r.p - 0.016006037897461578)).toBeLessThan(1e-6);
  });

  it('matches scipy with two seeds a side and a fractional df below 2 (df = 841/641)', () => {
    const r = welchTTest([0.931, 0.936], [0.981, 0.979])!;
    expect(r.t).toBeCloseTo(-17.269666450465802, 9);
    expect(r.df).toBeCloseTo(841 / 641, 10);
    expect(Math.abs(r.p - 0.01655125900554375)).toBeLessThan(1e-6);
  });

  it('gives t the sign of mean(a) - mean(b), also when neither sample varies', () => {
    expect(welchTTest([2, 2], [3, 3])).toEqual({ t: -Infinity, df: 2, p: 0, difference: -1 });
    expect(welchTTest([0.97, 0.98, 0.99], [0.9, 0.91, 0.92])!.t).toBeGreaterThan(0);
  });

  it('is the one Welch test in core/: the seed tests (the ranking\'s) and the regression gate both import it from here', () => {
    const root = path.join(__dirname, '..', '..');
    const sources = (dir: string): string[] =>
      fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? sources(`${dir}/${d.name}`) : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [`${dir}/${d.name}`] : [],
      );
    const text = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
    expect(sources('core').filter((f) => /\bfunction welch/i.test(text(f)))).toEqual(['core/analysis/stats.ts']);
    const users = sources('core').filter((f) => /\bwelchTTest\(/.test(text(f)) && f !== 'core/analysis/stats.ts');
    expect(users.sort()).toEqual(['core/analysis/seed-tests.ts', 'core/compare/compare.ts']);
    for (const f of users) expect(text(f)).toMatch(/import \{[^}]*\bwelchTTest\b[^}]*\} from '(\.\.\/analysis)?\.?\/stats'/);
  });

  it('decides significance at alpha', () => {
    expect(significantlyDifferent([0.97, 0.98, 0.99], [0.96, 0.97, 0.98])).toBe(false);
    expect(significantlyDifferent([0.97, 0.98, 0.99], [0.9, 0.91, 0.92])).toBe(true);
    expect(significantlyDifferent([0.97, 0.98, 0.99], [0.96, 0.97, 0.98], 0.3)).toBe(true);
  });
});

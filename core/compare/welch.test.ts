import { welchTTest } from './welch';

// References: t and df by hand (exact fractions), p from scipy 1.17.1
// `scipy.stats.ttest_ind(b, a, equal_var=False)`, which agrees with 2 * stats.t.sf(|t|, df) on the hand values.
describe("Welch's t-test", () => {
  it('matches the hand-computed t = 1.5, df = 135/17 and scipy p', () => {
    // a: mean 5/2, s^2 = 5/3, s^2/n = 5/12; b: mean 4, s^2 = 7/2, s^2/n = 7/12; se = 1.
    const r = welchTTest([1, 2, 3, 4], [1.5, 2.5, 3.5, 4.5, 5.5, 6.5]);
    expect(r.se).toBeCloseTo(1, 12);
    expect(r.t).toBeCloseTo(1.5, 12);
    // df = 1 / ((5/12)^2 / 3 + (7/12)^2 / 5) = 135/17
    expect(r.df).toBeCloseTo(135 / 17, 12);
    expect(Math.abs(r.p - 0.17227907729130926)).toBeLessThan(1e-6);
    expect(r.meanA).toBe(2.5);
    expect(r.meanB).toBe(4);
  });

  it('matches scipy on unequal sizes and variances (df = 521284/114721)', () => {
    const r = welchTTest([10.2, 11.5, 9.8, 10.9, 10.4], [12.1, 11.8, 13.0]);
    expect(r.t).toBeCloseTo(3.7386948705638, 10);
    expect(r.df).toBeCloseTo(521284 / 114721, 10);
    expect(Math.abs(r.p - 0.016006037897461578)).toBeLessThan(1e-6);
  });

  it('matches scipy with two seeds a side and a fractional df below 2 (df = 841/641)', () => {
    const r = welchTTest([0.981, 0.979], [0.931, 0.936]);
    expect(r.t).toBeCloseTo(-17.269666450465802, 9);
    expect(r.df).toBeCloseTo(841 / 641, 10);
    expect(Math.abs(r.p - 0.01655125900554375)).toBeLessThan(1e-6);
  });

  it('is symmetric: swapping the samples flips t and keeps df and p', () => {
    const a = [10.2, 11.5, 9.8, 10.9, 10.4];
    const b = [12.1, 11.8, 13.0];
    const ab = welchTTest(a, b);
    const ba = welchTTest(b, a);
    expect(ba.t).toBeCloseTo(-ab.t, 12);
    expect(ba.df).toBeCloseTo(ab.df, 12);
    expect(ba.p).toBeCloseTo(ab.p, 12);
  });

  it('treats constant samples exactly: equal gives p = 1, different gives p = 0', () => {
    expect(welchTTest([2, 2], [2, 2, 2])).toEqual({ t: 0, df: 3, p: 1, meanA: 2, meanB: 2, se: 0 });
    expect(welchTTest([2, 2], [3, 3])).toEqual({ t: Infinity, df: 2, p: 0, meanA: 2, meanB: 3, se: 0 });
    expect(welchTTest([3, 3], [2, 2]).t).toBe(-Infinity);
  });

  it('refuses a sample of one value', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(RangeError);
  });
});

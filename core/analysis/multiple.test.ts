/**
 * Holm's step-down adjustment, against the hand computation (statsmodels' multipletests(method="holm")
 * gives the same; it is not installed here, so the values below are worked by hand in the comments).
 */
import { adjustPValues, holmAdjust, strictestLevel } from './multiple';

describe('holmAdjust', () => {
  it('multiplies the i-th smallest of m p values by m - i + 1 and keeps the sequence monotone', () => {
    // sorted: 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 = 0.04 -> max(0.06, 0.04) = 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(adjusted[i]).toBeCloseTo(v, 15));
  });

  it('caps at 1, leaves a single p alone, and rejects what Bonferroni rejects and more', () => {
    expect(holmAdjust([0.6, 0.5])).toEqual([1, 1]);
    expect(holmAdjust([0.03])).toEqual([0.03]);
    // 7 comparisons (8 optimizers): p = 0.008 is 0.056 after Holm, no longer below 0.05.
    const seven = holmAdjust([0.008, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(seven[0]).toBeCloseTo(0.056, 15);
    // Bonferroni would make 0.004 * 3 = 0.012 and 0.02 * 3 = 0.06; Holm's second step is 0.02 * 2 = 0.04.
    expect(holmAdjust([0.004, 0.02, 0.5])).toEqual([0.012, 0.04, 0.5]);
  });

  it('none leaves each p as it is; the strictest level of a Holm family of m is alpha / m', () => {
    expect(adjustPValues([0.01, 0.04], 'none')).toEqual([0.01, 0.04]);
    expect(strictestLevel(0.05, 7, 'holm')).toBeCloseTo(0.05 / 7, 15);
    expect(strictestLevel(0.05, 7, 'none')).toBe(0.05);
  });
});

/** Kendall's tau-b on hand-counted pairs (equal to scipy.stats.kendalltau's values). */
import { kendallTauB } from './rank-correlation';

test('counts concordant and discordant pairs: (C - D) / pairs without ties', () => {
  // Of the 10 pairs of [3, 4, 1, 2, 5] against 1..5, 6 are in order and 4 reversed: (6 - 4) / 10.
  expect(kendallTauB([1, 2, 3, 4, 5], [3, 4, 1, 2, 5])).toBeCloseTo(0.2, 15);
  expect(kendallTauB([1, 2, 3], [3, 2, 1])).toBe(-1);
  expect(kendallTauB([1, 2, 3], [10, 20, 30])).toBe(1);
});

test('corrects for ties: (C - D) / sqrt((n0 - n1)(n0 - n2))', () => {
  // x ties one pair of 6, y none; C = 5, D = 0: 5 / sqrt(5 * 6) (scipy: 0.9128709291752769).
  expect(kendallTauB([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(5 / Math.sqrt(30), 15);
});

test('is undefined where a ranking does not vary or there are fewer than two', () => {
  expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeUndefined();
  expect(kendallTauB([1], [1])).toBeUndefined();
  expect(() => kendallTauB([1, 2], [1])).toThrow('kendallTauB: 2 values against 1');
});

/**
 * Tuneability: the expected best validation metric after n configurations (Dodge et al. 2019), against
 * hand-checked values.
 */
import { expectedBest } from './tuneability';

test('expected best of n configurations, hand-checked (Dodge et al. 2019, eq. 1)', () => {
  // Scores 0.2, 0.5, 0.9: n=1 is the mean (1.6/3); n=2: 0.2*(1/9) + 0.5*(4/9-1/9) + 0.9*(1-4/9) = 6.2/9;
  // n=3: 0.2/27 + 0.5*(8-1)/27 + 0.9*(27-8)/27 = 20.8/27.
  const c = expectedBest([0.9, 0.2, 0.5]);
  expect(c[0]).toBeCloseTo(1.6 / 3, 12);
  expect(c[1]).toBeCloseTo(6.2 / 9, 12);
  expect(c[2]).toBeCloseTo(20.8 / 27, 12);
  // Lower is better: the expected minimum, by symmetry 1 - the above on 1 - scores.
  const low = expectedBest([0.1, 0.8, 0.5], true);
  expect(low.map((x) => 1 - x)).toEqual(c.map((x) => expect.closeTo(x, 12) as unknown as number));
  expect(expectedBest([0.7])).toEqual([0.7]);
});

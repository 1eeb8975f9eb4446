/**
 * Non-inferiority of the current accuracy against the baseline's (`bench compare --non-inferiority D`):
 * the gate a CI on accuracy needs. "No significant drop" passes a noisy regression, since noise hides
 * the drop; non-inferiority asks the seeds to show that the accuracy is not worse by more than D
 * points, and fails when they cannot (Wellek, "Testing Statistical Hypotheses of Equivalence and
 * Noninferiority", 2nd ed., 2010, ch. 2; Walker & Nowacki, "Understanding equivalence and
 * noninferiority testing", J. Gen. Intern. Med. 26, 2011).
 *
 * H0: mean(current) - mean(baseline) <= -D against H1: > -D, one-sided at alpha, over the ok seeds:
 * the paired t-test on the per-seed differences where both files have the same ok seeds, Welch's
 * t-test otherwise (core/analysis/seed-tests.ts, δ0 = -D). Shown non-inferior when p < alpha;
 * with a single seed on either side nothing can be shown. Knows entries of the loaded files, not how
 * a comparison is printed.
 */
import { compareSeeds, type TestName } from '../analysis/seed-tests';
import type { Entry } from './load';
import type { MetricName } from './metrics';

/** The verdicts of a non-inferiority row: shown within the margin (passes), or not (fails the gate). */
export type NonInferiorityVerdict = 'non-inferior' | 'not shown non-inferior';

/** The test of a non-inferiority row: t > 0 when the current accuracy is above baseline - D. */
export interface NonInferiorityTest {
  name: TestName;
  t: number;
  df: number;
  /** One-sided p of H0: worse by D or more. */
  p: number;
  /** D, in points. */
  margin: number;
}

/** The values of `metric` in `e` by seed. */
const bySeed = (e: Entry, metric: MetricName) => new Map((e.values[metric] ?? []).map((v, i) => [e.seeds[i]!, v]));

/** Whether `cur` is shown non-inferior to `base` on `metric` (an accuracy, stored as a fraction) within `marginPoints`. */
export function nonInferiority(
  base: Entry,
  cur: Entry,
  metric: MetricName,
  marginPoints: number,
  alpha: number,
): { verdict: NonInferiorityVerdict; test?: NonInferiorityTest; detail?: string } {
  // Only the same ok seeds pair: a seed that diverged in one file is not dropped from the other to make pairs.
  const r = compareSeeds(bySeed(cur, metric), bySeed(base, metric), { choice: 't', alternative: 'greater', delta0: -marginPoints / 100, pairSubsets: false });
  if (!r) return { verdict: 'not shown non-inferior', detail: 'a single seed on one side: non-inferiority cannot be shown' };
  return { verdict: r.p < alpha ? 'non-inferior' : 'not shown non-inferior', test: { name: r.test, t: r.t, df: r.df, p: r.p, margin: marginPoints } };
}

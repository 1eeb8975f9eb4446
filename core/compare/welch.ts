/**
 * Welch's unequal-variances t-test (Welch, 1947, "The generalization of 'Student's' problem when
 * several different population variances are involved"):
 *
 *   t  = (mean_b - mean_a) / sqrt(s_a^2 / n_a + s_b^2 / n_b)
 *   df = (s_a^2/n_a + s_b^2/n_b)^2 / ((s_a^2/n_a)^2 / (n_a - 1) + (s_b^2/n_b)^2 / (n_b - 1))   (Welch-Satterthwaite)
 *   p  = 2 * P(T_df >= |t|)                                                                   (two-sided)
 *
 * with s^2 the sample variance (n - 1); the test itself is core/stats' welchTTest. Same numbers as
 * scipy.stats.ttest_ind(a, b, equal_var=False) up to the sign of t (scipy subtracts b from a).
 */
import { mean, sampleVariance } from 'simple-statistics';
import { welchTTest as welch } from '../analysis/stats';

export interface WelchResult {
  /** (mean of b - mean of a) / standard error of that difference; +-Infinity when both samples are constant and differ. */
  t: number;
  /** Welch-Satterthwaite degrees of freedom (n_a + n_b - 2 when both samples are constant). */
  df: number;
  /** Two-sided p-value: 1 for two equal constant samples, 0 for two different constant samples. */
  p: number;
  meanA: number;
  meanB: number;
  /** Standard error of mean_b - mean_a. */
  se: number;
}

/**
 * Welch's t-test of `b` against `a` (two-sided), as the gate reads it: core/stats' test with the
 * means and standard error spelled out. Each sample needs at least two values; throws RangeError
 * otherwise (with one value there is no variance to test against).
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult {
  const r = welch(b, a);
  if (!r) throw new RangeError(`Welch's t-test needs at least 2 values per sample (got ${a.length} and ${b.length})`);
  const se = Math.sqrt(sampleVariance(a as number[]) / a.length + sampleVariance(b as number[]) / b.length);
  return { t: r.t, df: r.df, p: r.p, meanA: mean(a as number[]), meanB: mean(b as number[]), se };
}

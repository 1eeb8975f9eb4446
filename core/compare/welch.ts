/**
 * Welch's unequal-variances t-test (Welch, 1947, "The generalization of 'Student's' problem when
 * several different population variances are involved"):
 *
 *   t  = (mean_b - mean_a) / sqrt(s_a^2 / n_a + s_b^2 / n_b)
 *   df = (s_a^2/n_a + s_b^2/n_b)^2 / ((s_a^2/n_a)^2 / (n_a - 1) + (s_b^2/n_b)^2 / (n_b - 1))   (Welch-Satterthwaite)
 *   p  = 2 * P(T_df >= |t|)                                                                   (two-sided)
 *
 * with s^2 the sample variance (n - 1). The Student-t distribution comes from jStat. Same numbers as
 * scipy.stats.ttest_ind(a, b, equal_var=False) up to the sign of t (scipy subtracts b from a).
 */
import { jStat } from 'jstat';
import { mean, sampleVariance } from 'simple-statistics';

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
 * Welch's t-test of `b` against `a` (two-sided). Each sample needs at least two values; a throws
 * RangeError otherwise (with one value there is no variance to test against).
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult {
  if (a.length < 2 || b.length < 2) throw new RangeError(`Welch's t-test needs at least 2 values per sample (got ${a.length} and ${b.length})`);
  const meanA = mean(a as number[]);
  const meanB = mean(b as number[]);
  const qa = sampleVariance(a as number[]) / a.length;
  const qb = sampleVariance(b as number[]) / b.length;
  const se = Math.sqrt(qa + qb);
  const diff = meanB - meanA;
  if (se === 0) {
    // Both samples constant: the difference is exact, not estimated.
    return { t: diff === 0 ? 0 : diff * Infinity, df: a.length + b.length - 2, p: diff === 0 ? 1 : 0, meanA, meanB, se };
  }
  const t = diff / se;
  const df = (qa + qb) ** 2 / (qa ** 2 / (a.length - 1) + qb ** 2 / (b.length - 1));
  const p = Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
  return { t, df, p, meanA, meanB, se };
}

/**
 * Statistics over seeds. A mean is never reported alone: it comes with its sample standard deviation,
 * a 95% confidence interval (from 3 seeds; Student t or the bootstrap, inside what the metric can be:
 * core/analysis/intervals.ts) and the sample count.
 *
 * Descriptive statistics come from simple-statistics; the Student t distribution (quantiles for
 * confidence intervals, the CDF for Welch's test) from @stdlib (`@stdlib/stats-base-dists-t-*`):
 * maintained, typed, one small package per function, and accurate to double precision (it evaluates
 * the regularized incomplete beta function as Boost does), where a hand-written quantile would be an
 * approximation nobody reviewed.
 *
 * The one Welch test of bench: the seed tests (core/analysis/seed-tests.ts) make it where two
 * configurations do not share their seeds, and the regression gate (core/compare/compare.ts) calls it
 * as welchTTest(current, baseline). Numbers in,
 * numbers out: this module knows nothing of trials, suites or results files.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { max, mean, median, min, sampleStandardDeviation } from 'simple-statistics';
import { CONFIDENCE, tCritical } from './distributions';
import { type Interval, type IntervalMethod, type IntervalScale, meanInterval } from './intervals';

export { CONFIDENCE, tCritical } from './distributions';

/** Summary of one metric over the seeds of a configuration. */
export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 when n = 1. */
  sd: number;
  median: number;
  min: number;
  max: number;
  /** Lower end of the 95% confidence interval of the mean (by `ciMethod` on `ciScale`); null when n < 3. */
  ciLow: number | null;
  /** Upper end of the 95% confidence interval of the mean; null when n < 3. */
  ciHigh: number | null;
  /** How the interval was made: Student t, BCa bootstrap or percentile bootstrap; absent without one (and in files from before it was recorded: Student t). */
  ciMethod?: Interval['method'];
  /** The scale it was made on: linear, bounded to [0, 1] (accuracies) or log (times, rates: an interval of the geometric mean). */
  ciScale?: IntervalScale;
}

/** How summarize makes the interval: Student t (default) or the bootstrap, on the metric's scale (default linear). */
export interface SummaryOptions {
  interval?: IntervalMethod;
  scale?: IntervalScale;
}

/**
 * The confidence interval of the mean of `values` at `confidence` (Student t, n - 1 degrees of
 * freedom): mean ± t * sd / sqrt(n). Undefined for fewer than two values.
 */
export function confidenceInterval(values: readonly number[], confidence = CONFIDENCE): { low: number; high: number } | undefined {
  if (values.length < 2) return undefined;
  const m = mean(values as number[]);
  const half = (tCritical(values.length - 1, confidence) * sampleStandardDeviation(values as number[])) / Math.sqrt(values.length);
  return { low: m - half, high: m + half };
}

/** Summary of `values` (mean, sd, 95% CI from 3 values, median, min, max, n), or undefined when there are none. */
export function summarize(values: readonly number[], opts: SummaryOptions = {}): Summary | undefined {
  if (values.length === 0) return undefined;
  const v = values as number[];
  const ci = meanInterval(v, opts.interval ?? 't', opts.scale ?? 'linear');
  return {
    n: v.length,
    mean: mean(v),
    sd: v.length > 1 ? sampleStandardDeviation(v) : 0,
    median: median(v),
    min: min(v),
    max: max(v),
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    ...(ci ? { ciMethod: ci.method, ciScale: ci.scale } : {}),
  };
}

/** What Welch's test needs of a sample: its size, mean and sample standard deviation. */
export interface Moments {
  n: number;
  mean: number;
  sd: number;
}

/** The outcome of Welch's unequal-variances t-test of H0: mean(a) = mean(b). */
export interface WelchResult {
  /** t = (mean(a) - mean(b)) / sqrt(sd_a²/n_a + sd_b²/n_b). */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  p: number;
  /** mean(a) - mean(b). */
  difference: number;
}

const momentsOf = (x: readonly number[] | Moments): Moments =>
  Array.isArray(x)
    ? { n: x.length, mean: x.length ? mean(x as number[]) : NaN, sd: x.length > 1 ? sampleStandardDeviation(x as number[]) : 0 }
    : (x as Moments);

/**
 * Welch's two-sample t-test (unequal variances; Welch, 1947), two-sided, on raw samples or on their
 * moments (a `Summary` will do), with t of the sign of mean(a) - mean(b). Returns undefined when either
 * sample has fewer than two values: with one seed there is no variance to test against, and the caller
 * must say so (the ranking then ties only equal means, the gate lets the threshold alone decide).
 *
 * t = (m_a - m_b) / sqrt(v_a/n_a + v_b/n_b), df = (v_a/n_a + v_b/n_b)² / ((v_a/n_a)²/(n_a-1) + (v_b/n_b)²/(n_b-1)),
 * p = 2 (1 - F_t(|t|; df)). When both samples have zero variance the test degenerates: equal means give
 * t = 0 and p = 1, different means t = ±Infinity and p = 0 (df = n_a + n_b - 2 in both cases).
 * Agrees with scipy.stats.ttest_ind(a, b, equal_var=False).
 */
export function welchTTest(a: readonly number[] | Moments, b: readonly number[] | Moments): WelchResult | undefined {
  const x = momentsOf(a);
  const y = momentsOf(b);
  if (x.n < 2 || y.n < 2) return undefined;
  const difference = x.mean - y.mean;
  const va = (x.sd * x.sd) / x.n;
  const vb = (y.sd * y.sd) / y.n;
  const se2 = va + vb;
  if (se2 === 0) {
    const df = x.n + y.n - 2;
    return difference === 0 ? { t: 0, df, p: 1, difference } : { t: Math.sign(difference) * Infinity, df, p: 0, difference };
  }
  const t = difference / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (x.n - 1) + (vb * vb) / (y.n - 1));
  // 2 * F(-|t|) rather than 2 * (1 - F(|t|)): no cancellation for large |t|.
  const p = Math.min(1, 2 * tCdf(-Math.abs(t), df));
  return { t, df, p, difference };
}

/**
 * Whether `a` and `b` differ significantly at `alpha` by Welch's test; undefined when the test cannot be
 * made (a sample of fewer than two).
 */
export function significantlyDifferent(a: readonly number[] | Moments, b: readonly number[] | Moments, alpha = 0.05): boolean | undefined {
  const r = welchTTest(a, b);
  return r === undefined ? undefined : r.p < alpha;
}

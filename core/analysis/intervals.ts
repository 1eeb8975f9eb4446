/**
 * Confidence intervals of a mean over seeds that stay inside what the metric can be: an accuracy's
 * within [0, 1], a time's above 0. Numbers in, numbers out: the caller says what kind of metric the
 * values are (`bounded`: in [0, 1]; `log`: positive, multiplicative noise; `linear`: neither).
 *
 * - `t`: Student's t, mean ± t(1 - α/2, n - 1) · sd / √n. A bounded metric's interval is intersected
 *   with [0, 1]: the true mean lies in [0, 1], so the intersection covers it exactly as often as the
 *   interval did. A positive metric's interval is computed on the log scale,
 *   exp(mean(ln x) ± t · sd(ln x) / √n): an interval of the geometric mean, always positive.
 * - `bootstrap`: the bias-corrected and accelerated (BCa) interval of the mean (Efron, "Better
 *   bootstrap confidence intervals", JASA 82, 1987; Efron & Tibshirani, "An Introduction to the
 *   Bootstrap", 1993, ch. 14), of ln x for a positive metric, transformed back. The bootstrap
 *   distribution of the mean is exact for n <= 8 (each of the C(2n-1, n) resamples taken as a multiset
 *   with its multinomial probability n! / (Π c_i! n^n)); above, 9,999 resamples drawn from a fixed
 *   seed, so that a results file is reproducible. With θ̂ the mean and θ* a bootstrap mean:
 *   z0 = Φ⁻¹(P*(θ* < θ̂) + P*(θ* = θ̂) / 2), the jackknife acceleration of a mean
 *   a = Σ(x_i - x̄)³ / (6 (Σ(x_i - x̄)²)^(3/2)), α1,2 = Φ(z0 + (z0 + z) / (1 - a (z0 + z))) for
 *   z = Φ⁻¹(α/2) and Φ⁻¹(1 - α/2); the interval is the α1 and α2 quantiles of the bootstrap
 *   distribution (its inverse CDF). Where 1 - a (z0 + z) <= 0 BCa is undefined and the percentile
 *   interval (the α/2 and 1 - α/2 quantiles) is given. A bootstrap mean lies between the smallest and
 *   largest value, so an accuracy's interval stays in [0, 1]. With 3 to 5 seeds the bootstrap
 *   distribution has few distinct points and the interval is close to the range of the seeds: it
 *   covers the mean less often than its nominal level (docs/statistics.md).
 * - Fewer than MIN_INTERVAL_N values: no interval (the tables show the range instead).
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { createRng } from '../util/rng';
import { normalCdf, normalQuantile, tCritical } from './distributions';

/** How intervals are computed: Student t, or the BCa bootstrap. */
export type IntervalMethod = 't' | 'bootstrap';
/** What the values can be: in [0, 1] (bounded), positive (log), anything (linear). */
export type IntervalScale = 'linear' | 'bounded' | 'log';

/** An interval, with the method and scale that made it. */
export interface Interval {
  low: number;
  high: number;
  method: 't' | 'bca' | 'percentile';
  scale: IntervalScale;
}

/** The fewest values that get an interval. */
export const MIN_INTERVAL_N = 3;
/** Up to this many values the bootstrap distribution is enumerated exactly. */
export const EXACT_BOOTSTRAP_UP_TO = 8;
/** Resamples drawn above EXACT_BOOTSTRAP_UP_TO. */
export const BOOTSTRAP_RESAMPLES = 9999;

/** The bootstrap distribution of the mean of `x`: [mean, probability] pairs, sorted by mean. */
export function bootstrapMeans(x: readonly number[]): Array<[number, number]> {
  const n = x.length;
  const out: Array<[number, number]> = [];
  if (n <= EXACT_BOOTSTRAP_UP_TO) {
    const fact = [1];
    for (let i = 1; i <= n; i++) fact.push(fact[i - 1]! * i);
    const total = n ** n;
    // Every multiset of n draws: c_i copies of x_i, probability n! / (Π c_i!) / n^n.
    const visit = (i: number, left: number, sum: number, denominator: number): void => {
      if (i === n - 1) {
        out.push([(sum + left * x[i]!) / n, fact[n]! / (denominator * fact[left]!) / total]);
        return;
      }
      for (let c = 0; c <= left; c++) visit(i + 1, left - c, sum + c * x[i]!, denominator * fact[c]!);
    };
    visit(0, n, 0, 1);
  } else {
    const rng = createRng(0, 'bootstrap');
    for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[Math.floor(rng.next() * n)]!;
      out.push([sum / n, 1 / BOOTSTRAP_RESAMPLES]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The `q` quantile of a sorted discrete distribution: the smallest value whose CDF reaches q. */
export function distributionQuantile(dist: ReadonlyArray<[number, number]>, q: number): number {
  let cumulative = 0;
  for (const [v, w] of dist) {
    cumulative += w;
    if (cumulative >= q - 1e-12) return v;
  }
  return dist[dist.length - 1]![0];
}

/** The BCa (or, where that is undefined, percentile) interval of the mean of `x` (see the module comment). */
export function bcaInterval(x: readonly number[], confidence = 0.95): { low: number; high: number; method: 'bca' | 'percentile' } {
  const m = mean(x as number[]);
  const ss = x.reduce((s, v) => s + (v - m) ** 2, 0);
  if (ss === 0) return { low: m, high: m, method: 'bca' };
  const dist = bootstrapMeans(x);
  const tolerance = 1e-12 * (Math.abs(m) + Math.sqrt(ss));
  let below = 0;
  let equal = 0;
  for (const [v, w] of dist) {
    if (Math.abs(v - m) <= tolerance) equal += w;
    else if (v < m) below += w;
  }
  const alpha = 1 - confidence;
  const z0 = normalQuantile(Math.min(1, below + equal / 2));
  const acceleration = x.reduce((s, v) => s + (v - m) ** 3, 0) / (6 * ss ** 1.5);
  const level = (z: number) => {
    const w = z0 + z;
    const denominator = 1 - acceleration * w;
    return denominator > 0 && Number.isFinite(z0) ? normalCdf(z0 + w / denominator) : undefined;
  };
  const lo = level(normalQuantile(alpha / 2));
  const hi = level(normalQuantile(1 - alpha / 2));
  // A bootstrap mean lies in [min, max]; the clamp only removes the last digit of a rounded sum / n.
  const within = (v: number) => Math.min(Math.max(v, Math.min(...x)), Math.max(...x));
  if (lo === undefined || hi === undefined) {
    return { low: within(distributionQuantile(dist, alpha / 2)), high: within(distributionQuantile(dist, 1 - alpha / 2)), method: 'percentile' };
  }
  return { low: within(distributionQuantile(dist, lo)), high: within(distributionQuantile(dist, hi)), method: 'bca' };
}

/**
 * The `confidence` interval of the mean of `values` by `method` on `scale` (see the module comment);
 * undefined for fewer than MIN_INTERVAL_N values. A `log` metric with a value <= 0 is taken as linear.
 */
export function meanInterval(values: readonly number[], method: IntervalMethod, scale: IntervalScale, confidence = 0.95): Interval | undefined {
  if (values.length < MIN_INTERVAL_N) return undefined;
  const s: IntervalScale = scale === 'log' && values.some((v) => !(v > 0)) ? 'linear' : scale;
  const x = s === 'log' ? values.map(Math.log) : [...values];
  let low: number;
  let high: number;
  let how: Interval['method'] = 't';
  if (method === 't') {
    const half = (tCritical(x.length - 1, confidence) * sampleStandardDeviation(x)) / Math.sqrt(x.length);
    low = mean(x) - half;
    high = mean(x) + half;
  } else {
    ({ low, high, method: how } = bcaInterval(x, confidence));
  }
  if (s === 'log') [low, high] = [Math.exp(low), Math.exp(high)];
  if (s === 'bounded') [low, high] = [Math.max(0, low), Math.min(1, high)];
  return { low, high, method: how, scale: s };
}

/**
 * The power of the t-tests over seeds, and what it says about seeds: the smallest difference a number
 * of seeds detects, and the seeds a difference needs. Numbers in, numbers out.
 *
 * A two-sided t-test at level α with ν degrees of freedom and noncentrality δ detects a true
 * difference with probability (Cohen, "Statistical Power Analysis for the Behavioral Sciences", 1988,
 * ch. 2; the formula of statsmodels' TTestPower and TTestIndPower):
 *
 *   power = P(T > c) + P(T < -c),  T ~ noncentral t(ν, δ),  c = t(1 - α/2; ν),
 *
 * paired over n seeds: ν = n - 1, δ = (Δ / σ_d) √n, σ_d the sd of the per-seed differences;
 * two independent samples of n seeds each: ν = 2n - 2, δ = (Δ / σ) √(n / 2), σ the pooled sd.
 * The minimum detectable difference at n seeds solves power = target for Δ (by bisection: power
 * grows with Δ); the seeds for a difference are the smallest n >= 2 whose power reaches the target.
 * Both take σ as known, estimated from the seeds run so far; with few seeds that estimate is itself
 * uncertain, so they are a plan, not a promise.
 */
import { noncentralTCdf, tCritical } from './distributions';

/** Paired (one set of seeds, differences) or two independent samples. */
export type Design = 'paired' | 'independent';

/** The power of the two-sided t-test at `level` to detect an effect Δ/σ of `effect` with `n` seeds (per sample when independent). */
export function tTestPower(effect: number, n: number, level: number, design: Design): number {
  if (!(n >= 2)) throw new RangeError(`tTestPower: n must be >= 2, got ${n}`);
  const df = design === 'paired' ? n - 1 : 2 * n - 2;
  const nc = effect * (design === 'paired' ? Math.sqrt(n) : Math.sqrt(n / 2));
  const c = tCritical(df, 1 - level);
  return 1 - noncentralTCdf(c, df, nc) + noncentralTCdf(-c, df, nc);
}

/** The effect Δ/σ that `n` seeds detect with probability `power` at `level` (bisection to 1e-10). */
export function minimumDetectableEffect(n: number, level: number, power: number, design: Design): number {
  let lo = 0;
  let hi = 1;
  while (tTestPower(hi, n, level, design) < power) hi *= 2;
  while (hi - lo > 1e-10 * hi) {
    const mid = (lo + hi) / 2;
    if (tTestPower(mid, n, level, design) < power) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The smallest number of seeds (>= 2) that detects an effect Δ/σ with probability `power`; undefined beyond `max`. */
export function seedsFor(effect: number, level: number, power: number, design: Design, max = 1000): number | undefined {
  if (!(effect > 0)) return undefined;
  if (tTestPower(effect, max, level, design) < power) return undefined;
  let lo = 1; // power(lo) < target (or lo < 2)
  let hi = max; // power(hi) >= target
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid >= 2 && tTestPower(effect, mid, level, design) >= power) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The fewest pairs whose exact Wilcoxon signed-rank test can reach a two-sided p below `level`: 2^(1-n) < level. */
export function wilcoxonMinimumSeeds(level: number): number {
  return Math.max(2, Math.floor(1 - Math.log2(level)) + 1);
}

/**
 * The distributions bench's tests and intervals need: Student's t critical values, the standard
 * normal (CDF, quantile), the upper tails of chi-square and F, the noncentral t CDF (for power) and
 * the range of k standard normals (the studentized range with infinite degrees of freedom, for
 * Nemenyi's critical difference). Numbers in, numbers out: nothing here knows of trials or seeds.
 *
 * The special functions are @stdlib's (`@stdlib/math-base-special-*`: erfc, erfcinv, gammainc,
 * betainc, gammaln), the same Boost-derived implementations behind the t distribution bench already
 * uses (@stdlib's t quantile for the critical values). The formulas:
 *
 * - Φ(x) = erfc(-x / √2) / 2, Φ⁻¹(p) = -√2 erfcinv(2p).
 * - Chi-square with k df: P(X > x) = Q(k/2, x/2), the regularized upper incomplete gamma function.
 * - F with (d1, d2) df: P(F > x) = I_{d2 / (d2 + d1 x)}(d2/2, d1/2), the regularized incomplete beta.
 * - Noncentral t with ν df and noncentrality δ, T = (Z + δ) / √(V/ν), V ~ χ²_ν:
 *   P(T ≤ t) = ∫₀^∞ Φ(t u / √ν - δ) f_χν(u) du with the chi density
 *   f_χν(u) = u^(ν-1) e^(-u²/2) / (2^(ν/2-1) Γ(ν/2)); integrated by Simpson's rule over the chi
 *   distribution's mass (±12 around √ν), which agrees with scipy.stats.nct.cdf to about 1e-9.
 * - Range of k standard normals: P(R ≤ q) = k ∫ φ(z) (Φ(z) - Φ(z - q))^(k-1) dz (Simpson over
 *   [-9, 9]); its quantile by bisection. q / √2 is the q_α of Demšar (2006, Table 5).
 */
import betainc from '@stdlib/math-base-special-betainc';
import erfc from '@stdlib/math-base-special-erfc';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** The confidence level of every interval bench reports. */
export const CONFIDENCE = 0.95;

/**
 * The two-sided critical value of Student's t with `df` degrees of freedom: the t with
 * P(|T| <= t) = `confidence` (12.7062 for df = 1, 2.7764 for df = 4 at 95%).
 */
export function tCritical(df: number, confidence = CONFIDENCE): number {
  if (!(df > 0)) throw new RangeError(`tCritical: degrees of freedom must be > 0, got ${df}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`tCritical: confidence must be in (0, 1), got ${confidence}`);
  return tQuantile(1 - (1 - confidence) / 2, df);
}

/** The standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** The standard normal quantile Φ⁻¹(p): -Infinity at 0, Infinity at 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  return -Math.SQRT2 * erfcinv(2 * p);
}

/** The standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** P(X > x) for X chi-square with `df` degrees of freedom. */
export function chiSquareSf(x: number, df: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

/** P(F > x) for F with (`d1`, `d2`) degrees of freedom. */
export function fSf(x: number, d1: number, d2: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return betainc(d2 / (d2 + d1 * x), d2 / 2, d1 / 2);
}

/** Composite Simpson's rule for `f` over [a, b] with `panels` (even) panels. */
function simpson(f: (x: number) => number, a: number, b: number, panels: number): number {
  const h = (b - a) / panels;
  let sum = f(a) + f(b);
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/** P(T ≤ t) for T noncentral t with `df` degrees of freedom and noncentrality `nc` (see the module comment). */
export function noncentralTCdf(t: number, df: number, nc: number): number {
  if (!(df > 0)) throw new RangeError(`noncentralTCdf: degrees of freedom must be > 0, got ${df}`);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const logNorm = (df / 2 - 1) * Math.LN2 + gammaln(df / 2);
  const density = (u: number) => (u <= 0 ? (df === 1 ? Math.exp(-logNorm) : 0) : Math.exp((df - 1) * Math.log(u) - (u * u) / 2 - logNorm));
  const centre = Math.sqrt(df);
  const lo = Math.max(0, centre - 12);
  const value = simpson((u) => normalCdf((t * u) / centre - nc) * density(u), lo, centre + 12, 4000);
  return Math.min(1, Math.max(0, value));
}

/** P(R ≤ q) for R the range of `k` independent standard normals. */
export function normalRangeCdf(q: number, k: number): number {
  if (q <= 0) return 0;
  const value = k * simpson((z) => normalPdf(z) * Math.pow(normalCdf(z) - normalCdf(z - q), k - 1), -9, 9 + q, 6000);
  return Math.min(1, value);
}

/** The `p` quantile of the range of `k` standard normals (studentized range, infinite df). */
export function normalRangeQuantile(p: number, k: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalRangeQuantile: p must be in (0, 1), got ${p}`);
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`normalRangeQuantile: k must be a whole number >= 2, got ${k}`);
  let lo = 0;
  let hi = 20;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (normalRangeCdf(mid, k) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

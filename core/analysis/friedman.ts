/**
 * Comparing k configurations over N workloads by their ranks (Demšar, "Statistical Comparisons of
 * Classifiers over Multiple Data Sets", JMLR 7, 2006, §3.2): numbers in, numbers out. `costs[i][j]` is
 * configuration j's cost on workload i (lower is better; Infinity for one that failed there).
 *
 * - Ranks: within each workload, 1 for the lowest cost, ties sharing their mean rank; R_j the mean
 *   rank of configuration j over the workloads.
 * - Friedman test (Friedman, 1937): χ²_F = 12N / (k(k+1)) · (Σ R_j² - k(k+1)²/4), divided by the tie
 *   correction 1 - Σ(t³ - t) / (N k (k² - 1)) over the groups of t tied values (as
 *   scipy.stats.friedmanchisquare; without ties it is 1), with k - 1 df. Iman and Davenport's
 *   F_F = (N - 1) χ²_F / (N(k - 1) - χ²_F), F with (k - 1, (k - 1)(N - 1)) df, is the less conservative
 *   statistic Demšar recommends; both p values are given. Demšar's example (his Table 6, k = 4, N = 14):
 *   χ²_F = 9.28, F_F = 3.69.
 * - Post-hoc, all pairs: Nemenyi's test calls two configurations different when their mean ranks differ
 *   by at least the critical difference CD = q_α √(k(k+1) / (6N)), q_α the studentized range quantile
 *   (infinite df) over √2 (core/analysis/distributions.ts; 2.569 for k = 4 at 0.05). Holm's: z =
 *   (R_i - R_j) / √(k(k+1) / (6N)), two-sided normal p, Holm-adjusted over the k(k-1)/2 pairs.
 * - Groups, as the critical-difference diagram draws them: configurations sorted by mean rank, each
 *   maximal run in which no pair differs, runs inside a longer one dropped.
 */
import { normalCdf, normalRangeQuantile, chiSquareSf, fSf } from './distributions';
import { holmAdjust } from './multiple';
import { midRanks } from './seed-tests';

/** The post-hoc test of the critical-difference diagram. */
export type PostHoc = 'nemenyi' | 'holm';

export interface FriedmanResult {
  /** k configurations, N workloads. */
  k: number;
  n: number;
  /** Mean rank of each configuration, in the order of the columns. */
  meanRanks: number[];
  chiSquare: number;
  /** p of χ²_F with k - 1 df. */
  p: number;
  /** Iman-Davenport F_F, with (k - 1, (k - 1)(N - 1)) df; null when infinite (every workload ranks alike). */
  f: number | null;
  fP: number;
}

/** The mean ranks and Friedman statistics of a cost matrix (see the module comment). */
export function friedmanTest(costs: readonly (readonly number[])[]): FriedmanResult {
  const n = costs.length;
  const k = costs[0]?.length ?? 0;
  if (n < 2 || k < 2) throw new RangeError(`friedmanTest: needs at least 2 workloads and 2 configurations, got ${n} x ${k}`);
  const sums = new Array<number>(k).fill(0);
  let ties = 0;
  for (const row of costs) {
    // midRanks needs comparable numbers: Infinity ties with Infinity, as a failed configuration should.
    const ranks = midRanks(row.map((c) => (c === Infinity ? Number.MAX_VALUE : c)));
    ranks.forEach((r, j) => (sums[j]! += r));
    const counts = new Map<number, number>();
    for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
    for (const t of counts.values()) ties += t * t * t - t;
  }
  const meanRanks = sums.map((s) => s / n);
  return { ...friedmanFromRanks(meanRanks, n, 1 - ties / (n * k * (k * k - 1))), meanRanks };
}

/** Friedman's statistics from mean ranks over `n` workloads (Demšar's equations), with an optional tie correction. */
export function friedmanFromRanks(meanRanks: readonly number[], n: number, tieCorrection = 1): Omit<FriedmanResult, 'meanRanks'> {
  const k = meanRanks.length;
  const squares = meanRanks.reduce((s, r) => s + r * r, 0);
  const raw = ((12 * n) / (k * (k + 1))) * (squares - (k * (k + 1) ** 2) / 4);
  const chiSquare = tieCorrection > 0 ? raw / tieCorrection : 0;
  const denominator = n * (k - 1) - chiSquare;
  const f = denominator > 1e-12 ? ((n - 1) * chiSquare) / denominator : null;
  return { k, n, chiSquare, p: chiSquareSf(chiSquare, k - 1), f, fP: f === null ? 0 : fSf(f, k - 1, (k - 1) * (n - 1)) };
}

/** Nemenyi's critical difference of mean ranks for k configurations over n workloads at `alpha`. */
export function nemenyiCriticalDifference(k: number, n: number, alpha: number): number {
  return (normalRangeQuantile(1 - alpha, k) / Math.SQRT2) * Math.sqrt((k * (k + 1)) / (6 * n));
}

/** Holm-adjusted p of every pair (i < j) of mean ranks, z = (R_i - R_j) / √(k(k+1)/(6N)). */
export function holmPairs(meanRanks: readonly number[], n: number): Array<{ i: number; j: number; z: number; p: number; pAdjusted: number }> {
  const k = meanRanks.length;
  const se = Math.sqrt((k * (k + 1)) / (6 * n));
  const pairs: Array<{ i: number; j: number; z: number; p: number }> = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const z = (meanRanks[i]! - meanRanks[j]!) / se;
      pairs.push({ i, j, z, p: Math.min(1, 2 * normalCdf(-Math.abs(z))) });
    }
  }
  const adjusted = holmAdjust(pairs.map((x) => x.p));
  return pairs.map((x, m) => ({ ...x, pAdjusted: adjusted[m]! }));
}

/**
 * The groups of the diagram: indices into `order` (configurations sorted by mean rank), each a
 * maximal run [from, to] (to > from) in which `differ` holds for no pair, runs inside another dropped.
 */
export function nonSignificantGroups(order: readonly number[], differ: (a: number, b: number) => boolean): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  for (let from = 0; from < order.length; from++) {
    let to = from;
    while (to + 1 < order.length && order.slice(from, to + 1).every((a) => !differ(a, order[to + 1]!))) to++;
    if (to > from && !groups.some(([f, t]) => f <= from && to <= t)) groups.push([from, to]);
  }
  return groups;
}

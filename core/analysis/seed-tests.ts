/**
 * Tests of one configuration against another over their seeds: paired where the two share their
 * seeds (or one ran all of the other's, and more: then on those), Welch's t-test (core/analysis/stats.ts)
 * where they do not. A seed gives every configuration
 * the same initial weights, validation split and data order (core/util/rng.ts streams by purpose), so
 * the per-seed difference d_i = a_i - b_i removes most of the seed-to-seed variance that a two-sample
 * test would count as noise. Numbers in, numbers out: the values of a configuration are a map from
 * seed to value; nothing here knows of trials, rankings or files.
 *
 * - Paired t-test (Student, 1908; e.g. Wasserman, "All of Statistics", 2004, §10.2): on the n
 *   differences, t = (mean(d) - δ0) / (sd(d) / √n) with n - 1 df, p from Student's t. When the
 *   differences do not vary, t = ±Infinity and p = 0 (or t = 0 and p = 1 when they are all δ0),
 *   as Welch's test degenerates. Agrees with scipy.stats.ttest_rel.
 * - Wilcoxon signed-rank test (Wilcoxon, 1945; Hollander, Wolfe & Chicken, "Nonparametric
 *   Statistical Methods", 3rd ed., 2014, §3.1): zero differences are dropped (Wilcoxon's own rule,
 *   scipy's zero_method="wilcox"), the others ranked by |d_i| with mid-ranks for ties, W+ the sum of
 *   the ranks of the positive ones. The p-value is exact: the distribution of W+ under H0 (each sign
 *   + or - with probability 1/2, given the ranks) is counted over all 2^n sign patterns by dynamic
 *   programming on the doubled ranks, which are whole numbers even with ties. Two-sided,
 *   p = min(1, 2 min(P(W+ <= w), P(W+ >= w))); the statistic reported is min(W+, W-), scipy's. Agrees
 *   with scipy.stats.wilcoxon(d, method="exact") without ties, and with
 *   scipy.stats.wilcoxon(d, method=PermutationMethod(n_resamples=inf)) with them. With n non-zero
 *   differences the smallest two-sided p is 2^(1-n): 0.0625 for 5 seeds.
 * - Differences are read to 12 significant digits, and one below 1e-12 of the values compared is 0:
 *   accuracies are multiples of 1/(test images), and floating-point noise in a_i - b_i must not break
 *   the ties (or zeros) the test needs to see.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { welchTTest } from './stats';

/** The test that was made. */
export type TestName = 'paired-t' | 'wilcoxon' | 'welch';
/**
 * Which test to make where seeds are shared: `auto` is the paired t-test below WILCOXON_FROM pairs,
 * Wilcoxon's from there; `welch` does not pair at all (Welch's t-test on the seeds as independent samples).
 */
export type TestChoice = 'auto' | 't' | 'wilcoxon' | 'welch';
/** From this many pairs `auto` makes Wilcoxon's signed-rank test. */
export const WILCOXON_FROM = 6;

/** H1: mean(a) - mean(b) differs from δ0 (two-sided) or exceeds it (greater). */
export type Alternative = 'two-sided' | 'greater';

/** A configuration's values of one metric, by seed. */
export type SeedValues = ReadonlyMap<number, number>;

/** The outcome of a test of a against b. */
export interface TestResult {
  test: TestName;
  /** t for the t-tests; min(W+, W-) (two-sided) or W+ (greater) for Wilcoxon's. */
  statistic: number;
  /** The t statistic of the same data: the paired t-test where seeds are shared (Wilcoxon's included), Welch's otherwise. */
  t: number;
  /** Its degrees of freedom. */
  df: number;
  /** Pairs (paired t), non-zero differences (Wilcoxon), or the seeds of both (Welch). */
  n: number;
  p: number;
  /** mean(a) - mean(b). */
  difference: number;
}

/** d_i = a_i - b_i, cleaned of floating-point noise (see the module comment). */
export function differences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new RangeError(`differences: ${a.length} values against ${b.length}`);
  return a.map((x, i) => {
    const d = x - b[i]!;
    return Math.abs(d) <= 1e-12 * Math.max(Math.abs(x), Math.abs(b[i]!)) ? 0 : Number(d.toPrecision(12));
  });
}

/** The paired t-test on differences `d` of H0: mean(d) = δ0 (see the module comment); undefined for fewer than two. */
export function pairedTTest(d: readonly number[], alternative: Alternative = 'two-sided', delta0 = 0): { t: number; df: number; p: number } | undefined {
  if (d.length < 2) return undefined;
  const df = d.length - 1;
  // Differences that do not vary (all equal, as floating-point sums would hide) give t = ±Infinity, or 0 at δ0.
  const constant = d.every((x) => x === d[0]);
  const m = (constant ? d[0]! : mean(d as number[])) - delta0;
  const t = constant ? (m === 0 ? 0 : Math.sign(m) * Infinity) : m / (sampleStandardDeviation(d as number[]) / Math.sqrt(d.length));
  return { t, df, p: tPValue(t, df, alternative) };
}

/** The p-value of a t statistic: two-sided 2 F(-|t|), or P(T >= t) for `greater`. */
export function tPValue(t: number, df: number, alternative: Alternative): number {
  if (alternative === 'greater') return tCdf(-t, df);
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** Mid-ranks (1-based) of `values`, ties sharing the mean of their ranks. */
export function midRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** Wilcoxon's signed-rank test on differences `d`, exact (see the module comment). */
export function wilcoxonSignedRank(d: readonly number[], alternative: Alternative = 'two-sided'): { statistic: number; n: number; p: number } {
  const nonzero = d.filter((x) => x !== 0);
  const n = nonzero.length;
  if (n === 0) return { statistic: 0, n: 0, p: 1 };
  // Doubled mid-ranks are whole numbers; the null distribution of 2W+ is counted on them.
  const doubled = midRanks(nonzero.map(Math.abs)).map((r) => Math.round(2 * r));
  const total = doubled.reduce((s, r) => s + r, 0);
  const observed = doubled.reduce((s, r, i) => s + (nonzero[i]! > 0 ? r : 0), 0);
  let dist = new Float64Array(total + 1);
  dist[0] = 1;
  for (const r of doubled) {
    const next = new Float64Array(total + 1);
    for (let s = 0; s <= total; s++) {
      const half = dist[s]! / 2;
      if (half === 0) continue;
      next[s] = next[s]! + half;
      next[s + r] = next[s + r]! + half;
    }
    dist = next;
  }
  let atMost = 0;
  let atLeast = 0;
  for (let s = 0; s <= total; s++) {
    if (s <= observed) atMost += dist[s]!;
    if (s >= observed) atLeast += dist[s]!;
  }
  const wPlus = observed / 2;
  if (alternative === 'greater') return { statistic: wPlus, n, p: Math.min(1, atLeast) };
  return { statistic: Math.min(wPlus, total / 2 - wPlus), n, p: Math.min(1, 2 * Math.min(atMost, atLeast)) };
}

/**
 * The seeds on which `a` and `b` are compared pair by pair: all of the smaller's, when the other ran
 * every one of them (the same seeds, or more: a sequential run adds seeds to the leaders only) and
 * they are two or more; undefined otherwise (overlapping or different seeds: Welch's test). With
 * `subsets` false only the same seeds pair.
 */
export function pairedSeeds(a: SeedValues, b: SeedValues, subsets = true): number[] | undefined {
  if (!subsets && a.size !== b.size) return undefined;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const seeds = [...small.keys()];
  return seeds.length >= 2 && seeds.every((s) => large.has(s)) ? seeds : undefined;
}

/** Whether `a` and `b` are compared pair by pair (pairedSeeds). */
export function sharesSeeds(a: SeedValues, b: SeedValues): boolean {
  return pairedSeeds(a, b) !== undefined;
}

/** Options of compareSeeds. */
export interface CompareSeedsOptions {
  /** The paired test (default `auto`), or `welch`: no pairing. */
  choice?: TestChoice;
  alternative?: Alternative;
  /** δ0, the difference mean(a) - mean(b) under H0 (default 0; non-inferiority by D points: -D). */
  delta0?: number;
  /** Pair on the smaller's seeds when the other ran them all (default true); false: only the same seeds pair. */
  pairSubsets?: boolean;
}

/**
 * Tests a against b: paired (t or Wilcoxon, by `choice`) on their pairedSeeds, Welch's t-test on all
 * values otherwise or when `choice` is `welch`; undefined when either has fewer than two values.
 * `difference` is always the means' (over all of each one's seeds), as tables show them.
 */
export function compareSeeds(a: SeedValues, b: SeedValues, opts: CompareSeedsOptions = {}): TestResult | undefined {
  const { choice = 'auto', alternative = 'two-sided', delta0 = 0, pairSubsets = true } = opts;
  if (a.size < 2 || b.size < 2) return undefined;
  const av = [...a.values()];
  const bv = [...b.values()];
  const difference = mean(av) - mean(bv);
  const seeds = choice === 'welch' ? undefined : pairedSeeds(a, b, pairSubsets);
  if (seeds) {
    const d = differences(
      seeds.map((s) => a.get(s)! - delta0),
      seeds.map((s) => b.get(s)!),
    );
    const t = pairedTTest(d, alternative)!;
    const wilcoxon = choice === 'wilcoxon' || (choice === 'auto' && d.length >= WILCOXON_FROM);
    if (!wilcoxon) return { test: 'paired-t', statistic: t.t, t: t.t, df: t.df, n: d.length, p: t.p, difference };
    const w = wilcoxonSignedRank(d, alternative);
    return { test: 'wilcoxon', statistic: w.statistic, t: t.t, df: t.df, n: w.n, p: w.p, difference };
  }
  // Welch on a shifted by -δ0: mean(a - δ0) - mean(b) = difference - δ0.
  const w = welchTTest(
    av.map((x) => x - delta0),
    bv,
  )!;
  const p = alternative === 'two-sided' ? w.p : Number.isFinite(w.t) ? tPValue(w.t, w.df, alternative) : w.t > 0 ? 0 : 1;
  return { test: 'welch', statistic: w.t, t: w.t, df: w.df, n: a.size + b.size, p, difference };
}

/** How a test is named in prose: "paired t-test", "Wilcoxon signed-rank test", "Welch's t-test". */
export const TEST_NAMES: Record<TestName, string> = { 'paired-t': 'paired t-test', wilcoxon: 'Wilcoxon signed-rank test', welch: "Welch's t-test" };

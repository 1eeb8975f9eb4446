/**
 * Ranking of configurations by the suite's primary metric over their seeds, within each workload (a
 * model on a dataset: accuracies and times on different workloads are not comparable; performance
 * profiles, core/analysis/profiles.ts, compare configurations across workloads).
 *
 * - The metric (`rankBy`): final test accuracy (default, higher is better), time-to-target (train
 *   seconds until the suite's target is first reached, lower is better), train seconds (lower) or
 *   samples per second (higher).
 * - Ties (core/analysis/rank-groups.ts): configurations are sorted by the mean of the metric; walking
 *   down the list, a configuration shares the rank of the best configuration of the current group when
 *   the test between the two is not significant at `alpha` (0.05, two-sided), its p adjusted by Holm
 *   over the group's comparisons (`correction`); otherwise it opens a new group at its position
 *   (competition ranking: 1, 1, 3). The test (core/analysis/seed-tests.ts) is paired where the two share
 *   their seeds (`test`: the paired t-test, Wilcoxon's signed-rank test from 6 seeds), Welch's t-test
 *   where they do not (and for every comparison with `test: 'welch'`). With fewer than two seeds there
 *   is no test and only equal means tie.
 * - Intervals (`interval`, core/analysis/intervals.ts): the BCa bootstrap over seeds (default) or
 *   Student t, an accuracy's within [0, 1], a time's or rate's on the log scale; none below 3 seeds.
 *   An accuracy also carries the binomial standard error of one trial's test set (`testSet`).
 * - Configurations with a diverged, failed or timed-out trial rank after all others and never tie; the table says
 *   how many of their trials did. By time-to-target, configurations whose every seed reached the target come
 *   first; those where only some seeds did follow (more seeds reaching first), then those where none did.
 */
import { isOk, type OkTrial, type TrialRecord } from '../train/record';
import { type IntervalScale } from './intervals';
import { describeCorrection } from './multiple';
import { DEFAULT_STATS, type RankOptions, resolveStats, type StatsOptions } from './rank-options';
import { type FamilyTest, rankGroups } from './rank-groups';
import { type SeedValues, type TestChoice, type TestName, WILCOXON_FROM } from './seed-tests';
import { type Summary, summarize } from './stats';
import { describeTarget, timeToTarget } from './target';
import type { RankMetric, Target } from '../suite/types';

export { DEFAULT_ALPHA, DEFAULT_STATS, type RankOptions, resolveStats, type StatsOptions } from './rank-options';

/** Time-to-target of a configuration: how many of its ok trials reached the target, and when. */
export interface TimeToTargetSummary {
  /** Ok trials that reached the target. */
  reached: number;
  /** Ok trials. */
  of: number;
  /** Train seconds to the target, over the trials that reached it. */
  seconds: Summary | null;
  /** Epochs to the target, over the trials that reached it. */
  epochs: Summary | null;
}

/**
 * The test of a configuration's ranked metric against the first-ranked configuration of its workload
 * (core/analysis/seed-tests.ts), p adjusted over the best's comparisons. `t` and `statistic` are null
 * where they are ±Infinity (the differences do not vary; JSON has no Infinity).
 */
export interface VersusBest {
  configId: string;
  /** The test made: paired t, Wilcoxon signed-rank (both where the seeds are shared) or Welch. */
  test: TestName;
  /** Its statistic: t, or Wilcoxon's min(W+, W-). */
  statistic: number | null;
  /** The t statistic of the same data: the paired t-test (Wilcoxon's too), or Welch's. */
  t: number | null;
  /** Its degrees of freedom (n - 1 paired, Welch-Satterthwaite). */
  df: number;
  /** Pairs (paired t), non-zero differences (Wilcoxon) or seeds of both (Welch). */
  n: number;
  /** Two-sided p, raw. */
  p: number;
  /** p adjusted over the comparisons with the best (`correction`; = p with none). */
  pAdjusted: number;
  /** This mean minus the best's. */
  difference: number;
}

/** What a single trial's test accuracy is worth: the test images, and the binomial standard error sqrt(p (1 - p) / images) at the mean accuracy p. */
export interface TestSetError {
  images: number;
  se: number;
}

export interface RankEntry {
  rank: number;
  configId: string;
  label: string;
  model?: string;
  dataset?: string;
  trials: number;
  ok: number;
  diverged: number;
  failed: number;
  /** Trials that ran out of their time limit (timeoutSeconds). */
  timeout?: number;
  testAccuracy: Summary | null;
  trainSeconds: Summary | null;
  samplesPerSecond: Summary | null;
  /** Present when the suite sets a target. */
  timeToTarget?: TimeToTargetSummary;
  /** Present with a test accuracy: the binomial error of one trial's test set. */
  testSet?: TestSetError;
  /** The test against the first-ranked configuration of its workload; null when it cannot be made (one seed, incomplete). */
  vsBest?: VersusBest | null;
}

/** What a metric means for ranking: higher or lower is better, and how tables name it. */
export const METRIC_INFO: Record<RankMetric, { higherIsBetter: boolean; name: string }> = {
  testAccuracy: { higherIsBetter: true, name: 'final test accuracy' },
  timeToTarget: { higherIsBetter: false, name: 'time-to-target (train seconds)' },
  trainSeconds: { higherIsBetter: false, name: 'train seconds' },
  samplesPerSecond: { higherIsBetter: true, name: 'training samples per second' },
};

/** The summary a configuration is ranked on. */
export function rankedSummary(e: Omit<RankEntry, 'rank'>, rankBy: RankMetric): Summary | null {
  return rankBy === 'timeToTarget' ? (e.timeToTarget?.seconds ?? null) : e[rankBy];
}

/** The ranked metric of a configuration's trials, by seed: ok trials (by time-to-target, those that reached it). */
function seedValues(ok: readonly OkTrial[], rankBy: RankMetric, target?: Target): SeedValues {
  if (rankBy === 'timeToTarget') {
    return new Map(ok.flatMap((t) => {
      const o = timeToTarget(t.history, target!);
      return o.reached ? [[t.seed, o.seconds!] as [number, number]] : [];
    }));
  }
  return new Map(ok.map((t) => [t.seed, t.final[rankBy]]));
}

/** The ranked metric of each configuration's ok trials, by seed (by time-to-target: the seeds that reached it). */
export function rankedValues(trials: readonly TrialRecord[], rankBy: RankMetric, target?: Target): Map<string, SeedValues> {
  const groups = new Map<string, OkTrial[]>();
  for (const t of trials) if (isOk(t)) groups.set(t.configId, [...(groups.get(t.configId) ?? []), t]);
  return new Map([...groups].map(([id, ok]) => [id, seedValues(ok, rankBy, target)]));
}

/** A configuration's entry before ranking, with its ranked metric by seed. */
interface Unranked {
  entry: Omit<RankEntry, 'rank'>;
  values: SeedValues;
}

/** Groups trials by configuration and summarises each over its seeds (unranked, in first-seen order). */
function summarizeGroups(trials: readonly TrialRecord[], opts: RankOptions): Unranked[] {
  const groups = new Map<string, TrialRecord[]>();
  for (const t of trials) {
    const g = groups.get(t.configId) ?? [];
    g.push(t);
    groups.set(t.configId, g);
  }
  const { target } = opts;
  const interval = opts.interval ?? DEFAULT_STATS.interval;
  const on = (scale: IntervalScale) => ({ interval, scale });
  return [...groups.values()].map((g) => {
    const ok = g.filter(isOk);
    const pick = (f: (t: OkTrial) => number, scale: IntervalScale) => summarize(ok.map(f), on(scale)) ?? null;
    const first = g[0]!;
    const entry: Omit<RankEntry, 'rank'> = {
      configId: first.configId,
      label: first.label,
      model: first.model.name,
      dataset: first.dataset.name,
      trials: g.length,
      ok: ok.length,
      diverged: g.filter((t) => t.status === 'diverged').length,
      failed: g.filter((t) => t.status === 'failed').length,
      ...(g.some((t) => t.status === 'timeout') ? { timeout: g.filter((t) => t.status === 'timeout').length } : {}),
      testAccuracy: pick((t) => t.final.testAccuracy, 'bounded'),
      trainSeconds: pick((t) => t.final.trainSeconds, 'log'),
      samplesPerSecond: pick((t) => t.final.samplesPerSecond, 'log'),
    };
    const images = ok[0]?.dataset.test;
    if (entry.testAccuracy && images) {
      const p = entry.testAccuracy.mean;
      entry.testSet = { images, se: Math.sqrt((p * (1 - p)) / images) };
    }
    if (target) {
      const outcomes = ok.map((t) => timeToTarget(t.history, target)).filter((o) => o.reached);
      entry.timeToTarget = {
        reached: outcomes.length,
        of: ok.length,
        seconds: summarize(outcomes.map((o) => o.seconds!), on('log')) ?? null,
        epochs: summarize(outcomes.map((o) => o.epochs!), on('log')) ?? null,
      };
    }
    return { entry, values: seedValues(ok, opts.rankBy ?? 'testAccuracy', target) };
  });
}

/** Groups trials by configuration and summarises each over its seeds (unranked, in first-seen order). */
export function summarizeConfigurations(trials: readonly TrialRecord[], target?: Target): Array<Omit<RankEntry, 'rank'>> {
  return summarizeGroups(trials, { target }).map((u) => u.entry);
}

/** Ranks the configurations of `trials` (see the module comment for the rules). */
export function rankConfigurations(trials: readonly TrialRecord[], opts: RankOptions = {}): RankEntry[] {
  const rankBy = opts.rankBy ?? 'testAccuracy';
  if (rankBy === 'timeToTarget' && !opts.target) throw new Error('ranking by timeToTarget needs a target');
  const entries = summarizeGroups(trials, opts);
  // Rank within each workload (model/dataset), workloads in the order the trials first name them.
  const workloads = new Map<string, Unranked[]>();
  for (const u of entries) {
    const key = `${u.entry.model}/${u.entry.dataset}`;
    workloads.set(key, [...(workloads.get(key) ?? []), u]);
  }
  return [...workloads.values()].flatMap((group) => rankWorkload(group, rankBy, resolveStats(opts)));
}

/** Ranks the configurations of one workload (see the module comment). */
function rankWorkload(group: Unranked[], rankBy: RankMetric, stats: Required<StatsOptions>): RankEntry[] {
  const { higherIsBetter } = METRIC_INFO[rankBy];
  const complete = (e: Omit<RankEntry, 'rank'>) => e.ok > 0 && e.ok === e.trials;
  const reachedFraction = (e: Omit<RankEntry, 'rank'>) => (e.timeToTarget && e.timeToTarget.of > 0 ? e.timeToTarget.reached / e.timeToTarget.of : 0);
  /** Whether `e` may tie with others: complete, and by time-to-target, every seed reached the target. */
  const testable = (e: Omit<RankEntry, 'rank'>) =>
    complete(e) && (rankBy !== 'timeToTarget' || (e.timeToTarget!.of > 0 && e.timeToTarget!.reached === e.timeToTarget!.of));
  const value = (e: Omit<RankEntry, 'rank'>) => rankedSummary(e, rankBy)?.mean;

  group.sort(({ entry: a }, { entry: b }) => {
    if (complete(a) !== complete(b)) return complete(a) ? -1 : 1;
    if (!complete(a) && a.ok !== b.ok) return b.ok / b.trials - a.ok / a.trials;
    if (rankBy === 'timeToTarget' && reachedFraction(a) !== reachedFraction(b)) return reachedFraction(b) - reachedFraction(a);
    const va = value(a);
    const vb = value(b);
    if (va !== undefined && vb !== undefined && va !== vb) return higherIsBetter ? vb - va : va - vb;
    if ((va === undefined) !== (vb === undefined)) return va === undefined ? 1 : -1;
    return a.label < b.label ? -1 : a.label > b.label ? 1 : a.configId < b.configId ? -1 : a.configId > b.configId ? 1 : 0;
  });

  const { ranks, vsBest } = rankGroups(
    group.map(({ entry, values }) => ({ testable: testable(entry), values, mean: value(entry) })),
    stats,
  );
  const best = group[0]?.entry.configId;
  return group.map(({ entry }, i): RankEntry => {
    const test = vsBest[i];
    return { rank: ranks[i]!, ...entry, ...(test === undefined ? {} : { vsBest: test && versusBest(best!, test) }) };
  });
}

/** A family test as the results file records it. */
function versusBest(configId: string, r: FamilyTest): VersusBest {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return { configId, test: r.test, statistic: finite(r.statistic), t: finite(r.t), df: r.df, n: r.n, p: r.p, pAdjusted: r.pAdjusted, difference: r.difference };
}

/** How the note names the paired test of `choice` (not `welch`, which pairs nothing). */
function pairedWords(choice: TestChoice): string {
  if (choice === 't') return 'the paired t-test on per-seed differences';
  if (choice === 'wilcoxon') return 'the Wilcoxon signed-rank test (exact) on per-seed differences';
  return `the paired t-test on per-seed differences, from ${WILCOXON_FROM} seeds the Wilcoxon signed-rank test (exact)`;
}

/** The tests of a ranking in one line: "paired t-test on per-seed differences, ...; Welch's t-test where the seeds differ; two-sided". */
export function describeTests(stats: StatsOptions = {}): string {
  const test = stats.test ?? DEFAULT_STATS.test;
  if (test === 'welch') return "Welch's t-test on the seeds as independent samples (the pairing by seed not used); two-sided";
  return `${pairedWords(test)}; Welch's t-test where the seeds differ; two-sided`;
}

/** The note's line on the tests. */
function testsLine(test: TestChoice): string {
  if (test === 'welch') return "Tests: Welch's t-test on the seeds as independent samples (--test welch: the pairing by seed is not used).";
  return `Tests: configurations that share their seeds are compared seed by seed: ${pairedWords(test)}; Welch's t-test where the seeds differ.`;
}

/** The binomial error of a single trial's test set, per dataset at its best configuration's mean accuracy; empty without one. */
function testSetLine(ranking: readonly RankEntry[]): string {
  const seen = new Map<string, RankEntry>();
  for (const e of ranking) if (e.testSet && e.rank === 1 && !seen.has(e.dataset ?? '')) seen.set(e.dataset ?? '', e);
  if (seen.size === 0) return '';
  const each = [...seen.values()].map(
    (e) => `${e.dataset} ${e.testSet!.images} test images, binomial standard error ±${(100 * e.testSet!.se).toFixed(2)} points at ${(100 * e.testAccuracy!.mean).toFixed(2)}%`,
  );
  return `A single trial's test accuracy is uncertain by its test set: ${each.join('; ')}.`;
}

/**
 * The note printed under every ranked table: what the rank means, the tests, their alpha and
 * correction, the intervals, what happens to diverged, failed and never-reaching configurations, and
 * (given the ranking) the binomial error of a single trial's test set.
 */
export function describeRanking(opts: RankOptions = {}, workloads = 1, ranking: readonly RankEntry[] = []): string {
  const rankBy = opts.rankBy ?? 'testAccuracy';
  const stats = resolveStats(opts);
  const info = METRIC_INFO[rankBy];
  const what = rankBy === 'timeToTarget' && opts.target ? `time-to-target (train seconds until ${describeTarget(opts.target)})` : info.name;
  const lines = [
    `Ranked by ${what}, mean over seeds, ${info.higherIsBetter ? 'higher' : 'lower'} is better. ` +
      `Configurations share a rank when the test (two-sided) against the best configuration of their group is not significant at alpha = ${Number(stats.alpha.toPrecision(3))}; ` +
      `${describeCorrection(stats.correction)}; with a single seed only equal means share a rank.`,
    testsLine(stats.test),
    `Mean ± sd over seeds; 95% CI of the mean: ${stats.interval === 'bootstrap' ? 'BCa bootstrap over seeds' : 'Student t'}, within [0, 100] for accuracies, on the log scale for times; ` +
      `with fewer than 3 seeds the range (min-max) instead. Configurations with diverged or failed trials rank last.`,
  ];
  const testSet = testSetLine(ranking);
  if (testSet) lines.push(testSet);
  if (workloads > 1) {
    lines.push(`Ranks are within each of the ${workloads} workloads (model/dataset); the performance profiles compare configurations across them.`);
  }
  if (rankBy === 'timeToTarget') lines.push('Configurations where some seeds never reached the target rank after those where all did.');
  else if (opts.target) lines.push(`Time-to-target: train seconds until ${describeTarget(opts.target)}; seeds that never reached it are counted (reached/ok).`);
  return lines.join('\n');
}

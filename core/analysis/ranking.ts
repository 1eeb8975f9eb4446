/**
 * Ranking of configurations by the suite's primary metric over their seeds, within each workload (a
 * model on a dataset: accuracies and times on different workloads are not comparable; performance
 * profiles, core/analysis/profiles.ts, compare configurations across workloads).
 *
 * - The metric (`rankBy`): final test accuracy (default, higher is better), time-to-target (train
 *   seconds until the suite's target is first reached, lower is better), train seconds (lower) or
 *   samples per second (higher).
 * - Ties: configurations are sorted by the mean of the metric; walking down the list, a configuration
 *   shares the rank of the best configuration of the current group when Welch's t-test between the two
 *   is not significant at `alpha` (0.05, two-sided); otherwise it opens a new group at its position
 *   (competition ranking: 1, 1, 3). Comparing with the group's best, not with the neighbour, keeps
 *   "not significant" from chaining down the table. With fewer than two seeds there is no test and only
 *   equal means tie.
 * - Configurations with a diverged, failed or timed-out trial rank after all others and never tie; the table says
 *   how many of their trials did. By time-to-target, configurations whose every seed reached the
 *   target come first; those where only some seeds did follow (more seeds reaching first), then those
 *   where none did.
 */
import { isOk, type OkTrial, type TrialRecord } from '../train/record';
import { type Summary, summarize, type WelchResult, welchTTest } from './stats';
import { describeTarget, timeToTarget } from './target';
import type { RankMetric, Target } from '../suite/types';


/** The significance level at which configurations are told apart. */
export const DEFAULT_ALPHA = 0.05;

/** How to rank; a suite file (`rankBy`, `target`) will do. */
export interface RankOptions {
  rankBy?: RankMetric;
  target?: Target;
  alpha?: number;
}

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
 * Welch's test of a configuration's ranked metric against the first-ranked configuration of its
 * workload. `t` is null
 * where the test gives ±Infinity (neither sample varies; JSON has no Infinity).
 */
export interface VersusBest extends Omit<WelchResult, 't'> {
  configId: string;
  t: number | null;
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
  /** Welch's test against the first-ranked configuration of its workload; null when it cannot be made (one seed, incomplete). */
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

/** Groups trials by configuration and summarises each over its seeds (unranked, in first-seen order). */
export function summarizeConfigurations(trials: readonly TrialRecord[], target?: Target): Array<Omit<RankEntry, 'rank'>> {
  const groups = new Map<string, TrialRecord[]>();
  for (const t of trials) {
    const g = groups.get(t.configId) ?? [];
    g.push(t);
    groups.set(t.configId, g);
  }
  return [...groups.values()].map((g) => {
    const ok = g.filter(isOk);
    const pick = (f: (t: OkTrial) => number) => summarize(ok.map(f)) ?? null;
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
      testAccuracy: pick((t) => t.final.testAccuracy),
      trainSeconds: pick((t) => t.final.trainSeconds),
      samplesPerSecond: pick((t) => t.final.samplesPerSecond),
    };
    if (target) {
      const outcomes = ok.map((t) => timeToTarget(t.history, target)).filter((o) => o.reached);
      entry.timeToTarget = {
        reached: outcomes.length,
        of: ok.length,
        seconds: summarize(outcomes.map((o) => o.seconds!)) ?? null,
        epochs: summarize(outcomes.map((o) => o.epochs!)) ?? null,
      };
    }
    return entry;
  });
}

/** Ranks the configurations of `trials` (see the module comment for the rules). */
export function rankConfigurations(trials: readonly TrialRecord[], opts: RankOptions = {}): RankEntry[] {
  const rankBy = opts.rankBy ?? 'testAccuracy';
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  if (rankBy === 'timeToTarget' && !opts.target) throw new Error('ranking by timeToTarget needs a target');
  const entries = summarizeConfigurations(trials, opts.target);
  // Rank within each workload (model/dataset), workloads in the order the trials first name them.
  const workloads = new Map<string, Array<Omit<RankEntry, 'rank'>>>();
  for (const e of entries) {
    const key = `${e.model}/${e.dataset}`;
    workloads.set(key, [...(workloads.get(key) ?? []), e]);
  }
  return [...workloads.values()].flatMap((group) => rankWorkload(group, rankBy, alpha));
}

/** Ranks the configurations of one workload (see the module comment). */
function rankWorkload(entries: Array<Omit<RankEntry, 'rank'>>, rankBy: RankMetric, alpha: number): RankEntry[] {
  const { higherIsBetter } = METRIC_INFO[rankBy];
  const complete = (e: Omit<RankEntry, 'rank'>) => e.ok > 0 && e.ok === e.trials;
  const reachedFraction = (e: Omit<RankEntry, 'rank'>) => (e.timeToTarget && e.timeToTarget.of > 0 ? e.timeToTarget.reached / e.timeToTarget.of : 0);
  /** Whether `e` may tie with others: complete, and by time-to-target, every seed reached the target. */
  const testable = (e: Omit<RankEntry, 'rank'>) =>
    complete(e) && (rankBy !== 'timeToTarget' || (e.timeToTarget!.of > 0 && e.timeToTarget!.reached === e.timeToTarget!.of));
  const value = (e: Omit<RankEntry, 'rank'>) => rankedSummary(e, rankBy)?.mean;

  entries.sort((a, b) => {
    if (complete(a) !== complete(b)) return complete(a) ? -1 : 1;
    if (!complete(a) && a.ok !== b.ok) return b.ok / b.trials - a.ok / a.trials;
    if (rankBy === 'timeToTarget' && reachedFraction(a) !== reachedFraction(b)) return reachedFraction(b) - reachedFraction(a);
    const va = value(a);
    const vb = value(b);
    if (va !== undefined && vb !== undefined && va !== vb) return higherIsBetter ? vb - va : va - vb;
    if ((va === undefined) !== (vb === undefined)) return va === undefined ? 1 : -1;
    return a.label < b.label ? -1 : a.label > b.label ? 1 : a.configId < b.configId ? -1 : a.configId > b.configId ? 1 : 0;
  });

  const ranked: RankEntry[] = [];
  let leader: RankEntry | undefined;
  entries.forEach((e, i) => {
    let rank = i + 1;
    if (leader && testable(leader) && testable(e)) {
      const a = rankedSummary(leader, rankBy)!;
      const b = rankedSummary(e, rankBy)!;
      const test = welchTTest(a, b);
      if (test ? test.p >= alpha : a.mean === b.mean) rank = leader.rank;
    }
    const entry: RankEntry = { rank, ...e };
    if (rank === i + 1) leader = entry;
    ranked.push(entry);
  });

  const best = ranked[0];
  if (best) {
    for (const e of ranked.slice(1)) {
      const test = testable(best) && testable(e) ? welchTTest(rankedSummary(e, rankBy)!, rankedSummary(best, rankBy)!) : undefined;
      e.vsBest = test ? { configId: best.configId, ...test, t: Number.isFinite(test.t) ? test.t : null } : null;
    }
  }
  return ranked;
}

/**
 * The note printed under every ranked table: what the rank means, the test and its alpha, and what
 * happens to diverged, failed and never-reaching configurations.
 */
export function describeRanking(opts: RankOptions = {}, workloads = 1): string {
  const rankBy = opts.rankBy ?? 'testAccuracy';
  const info = METRIC_INFO[rankBy];
  const what = rankBy === 'timeToTarget' && opts.target ? `time-to-target (train seconds until ${describeTarget(opts.target)})` : info.name;
  const lines = [
    `Ranked by ${what}, mean over seeds, ${info.higherIsBetter ? 'higher' : 'lower'} is better. ` +
      `Configurations share a rank when Welch's t-test (two-sided) against the best configuration of their group ` +
      `is not significant at alpha = ${opts.alpha ?? DEFAULT_ALPHA}; with a single seed only equal means share a rank.`,
    `Mean ± sd over seeds; 95% CI: Student t. Configurations with diverged or failed trials rank last.`,
  ];
  if (workloads > 1) {
    lines.push(`Ranks are within each of the ${workloads} workloads (model/dataset); the performance profiles compare configurations across them.`);
  }
  if (rankBy === 'timeToTarget') lines.push('Configurations where some seeds never reached the target rank after those where all did.');
  else if (opts.target) lines.push(`Time-to-target: train seconds until ${describeTarget(opts.target)}; seeds that never reached it are counted (reached/ok).`);
  return lines.join('\n');
}

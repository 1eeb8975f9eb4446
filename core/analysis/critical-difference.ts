/**
 * Configurations compared across workloads by their ranks (Demšar, JMLR 2006; the numbers are
 * core/analysis/friedman.ts): the Friedman test over solvers x workloads, and the post-hoc groups the
 * critical-difference diagram draws, beside the performance profiles (core/analysis/profiles.ts),
 * whose solvers (a configuration without its model and dataset) and costs (the ranked metric's mean
 * over seeds as a lower-is-better number; Infinity for a workload with a diverged or failed trial)
 * these are. Friedman needs every solver on every workload: a solver absent from one is left out
 * and named. Knows rankings and trials, not plots.
 */
import { costOf, type RunSettings, solverIdOf, workloadOf } from './profiles';
import type { RankEntry } from './ranking';
import { friedmanTest, holmPairs, nemenyiCriticalDifference, nonSignificantGroups, type PostHoc } from './friedman';
import type { RankMetric } from '../suite/types';
import type { TrialRecord } from '../train/record';

export interface CriticalDifference {
  metric: RankMetric;
  workloads: string[];
  /** The solvers compared, best (lowest mean rank) first. */
  solvers: Array<{ solverId: string; label: string; meanRank: number }>;
  /** Labels of solvers left out: absent from some workload. */
  excluded: string[];
  friedman: { chiSquare: number; df: number; p: number; f: number | null; fDf: [number, number]; fP: number };
  alpha: number;
  postHoc: PostHoc;
  /** Nemenyi's critical difference of mean ranks (drawn with either post-hoc test). */
  cd: number;
  /** Groups not told apart by the post-hoc test: [first, last] indices into `solvers`. */
  groups: Array<[number, number]>;
  /** Holm's post-hoc: each pair's adjusted p (indices into `solvers`). */
  pairs?: Array<{ a: number; b: number; z: number; p: number; pAdjusted: number }>;
}

/**
 * The Friedman test and post-hoc groups of the solvers in `trials` over their workloads; undefined
 * with fewer than 2 workloads or 2 solvers on all of them. `labelOf` names a solver (the profiles' labels).
 */
export function criticalDifference(
  trials: readonly TrialRecord[],
  ranking: readonly RankEntry[],
  metric: RankMetric,
  settingsOf: (t: TrialRecord) => RunSettings,
  labelOf: (solverId: string) => string,
  opts: { alpha: number; postHoc: PostHoc },
): CriticalDifference | undefined {
  const workloads = [...new Set(trials.map(workloadOf))].sort();
  if (workloads.length < 2) return undefined;
  const byConfig = new Map(ranking.map((e) => [e.configId, e]));
  const costs = new Map<string, Map<string, number>>();
  for (const t of trials) {
    const id = solverIdOf(t, settingsOf(t));
    const e = byConfig.get(t.configId);
    if (!e) continue;
    costs.set(id, (costs.get(id) ?? new Map<string, number>()).set(workloadOf(t), costOf(e, metric)));
  }
  const ids = [...costs.keys()].filter((id) => workloads.every((w) => costs.get(id)!.has(w)));
  const excluded = [...costs.keys()].filter((id) => !ids.includes(id)).map(labelOf);
  if (ids.length < 2) return undefined;
  const k = ids.length;
  const n = workloads.length;
  const result = friedmanTest(workloads.map((w) => ids.map((id) => costs.get(id)!.get(w)!)));
  const order = ids.map((_, j) => j).sort((a, b) => result.meanRanks[a]! - result.meanRanks[b]! || labelOf(ids[a]!).localeCompare(labelOf(ids[b]!)));
  const cd = nemenyiCriticalDifference(k, n, opts.alpha);
  const holm = opts.postHoc === 'holm' ? holmPairs(result.meanRanks, n) : [];
  const differ =
    opts.postHoc === 'holm'
      ? (a: number, b: number) => holm.find((x) => (x.i === a && x.j === b) || (x.i === b && x.j === a))!.pAdjusted < opts.alpha
      : (a: number, b: number) => Math.abs(result.meanRanks[a]! - result.meanRanks[b]!) >= cd;
  const position = new Map(order.map((j, i) => [j, i]));
  return {
    metric,
    workloads,
    solvers: order.map((j) => ({ solverId: ids[j]!, label: labelOf(ids[j]!), meanRank: result.meanRanks[j]! })),
    excluded,
    friedman: { chiSquare: result.chiSquare, df: k - 1, p: result.p, f: result.f, fDf: [k - 1, (k - 1) * (n - 1)], fP: result.fP },
    alpha: opts.alpha,
    postHoc: opts.postHoc,
    cd,
    groups: nonSignificantGroups(order, differ),
    ...(opts.postHoc === 'holm'
      ? { pairs: holm.map((x) => ({ a: position.get(x.i)!, b: position.get(x.j)!, z: x.z, p: x.p, pAdjusted: x.pAdjusted })) }
      : {}),
  };
}

/** The diagram's caption: the Friedman result, the post-hoc test and what the bars mean. */
export function describeCriticalDifference(c: CriticalDifference): string {
  const f = c.friedman;
  const p = (x: number) => (x < 0.001 ? '< 0.001' : `= ${x.toFixed(3)}`);
  const rejected = f.fP < c.alpha;
  const posthoc =
    c.postHoc === 'nemenyi'
      ? `Nemenyi's test: configurations joined by a bar differ in mean rank by less than the critical difference CD = ${c.cd.toFixed(2)} (alpha = ${c.alpha})`
      : `Holm's step-down test over all pairs of mean ranks: configurations joined by a bar are not told apart at alpha = ${c.alpha} (CD = ${c.cd.toFixed(2)} is Nemenyi's, for scale)`;
  return (
    `Mean ranks of ${c.solvers.length} configurations over ${c.workloads.length} workloads (Demšar 2006; rank 1 the best, on the right; cost: ` +
    `${c.metric === 'testAccuracy' ? 'test error' : c.metric}, mean over seeds). Friedman χ² = ${f.chiSquare.toFixed(2)} (${f.df} df, p ${p(f.p)}); ` +
    `Iman-Davenport F = ${f.f === null ? '∞' : f.f.toFixed(2)} (${f.fDf[0]}, ${f.fDf[1]} df, p ${p(f.fP)}): ${rejected ? 'the configurations differ' : 'equal performance is not rejected, so the groups below are for reference only'}. ` +
    `${posthoc}.${c.workloads.length < 10 ? ` With ${c.workloads.length} workloads the chi-square approximation is rough (Demšar suggests more than 10).` : ''}` +
    `${c.excluded.length > 0 ? ` Left out (not run on every workload): ${c.excluded.join(', ')}.` : ''}`
  );
}

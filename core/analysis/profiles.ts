/**
 * Performance profiles (Dolan & Moré, "Benchmarking optimization software with performance profiles",
 * Math. Programming 91, 2002), as AlgoPerf scores training algorithms across workloads (Dahl et al.,
 * "Benchmarking Neural Network Training Algorithms", 2023).
 *
 * A workload is a model on a dataset; a solver is a configuration with its model and dataset taken
 * away: everything else that defines the training, as the configuration id hashes it (core/suite/expand.ts:
 * optimizer with its schedule, regularizers, initializer, activation, epochs, batch size, validation
 * split and preprocessing). Solvers that share a label are told apart by their id. For each
 * workload p and solver s, the cost t(p,s) is the mean over seeds of the ranked metric turned into a
 * lower-is-better number (test error 1 - accuracy, seconds, seconds per sample); a solver that has a
 * diverged or failed trial on p, or by time-to-target a seed that never reached the target, has
 * t(p,s) = Infinity. The performance ratio is r(p,s) = t(p,s) / min over s of t(p,s), and the profile
 * rho_s(tau) = |{p : r(p,s) <= tau}| / |P|. The score is AlgoPerf's: the area under rho_s over
 * [1, tauMax] divided by tauMax - 1 (tauMax = 4), 1 for a solver that is best on every workload.
 */
import { METRIC_INFO, type RankEntry, rankedSummary } from './ranking';
import { type RankMetric } from '../suite/types';
import type { TrialRecord } from '../train/record';
import { solverIdOfConfig } from '../suite/expand';
import { type SolverConfig } from '../suite/types';

/** AlgoPerf's largest performance ratio counted in the score. */
export const DEFAULT_TAU_MAX = 4;

export interface SolverProfile {
  solverId: string;
  label: string;
  /** r(p,s) per workload (`model/dataset`); Infinity where the solver failed the workload. */
  ratios: Record<string, number>;
  /** The step function rho_s: at each distinct finite ratio tau, the fraction of workloads with r <= tau. */
  steps: Array<{ tau: number; rho: number }>;
  /** Area under rho_s over [1, tauMax], divided by tauMax - 1. */
  score: number;
}

export interface PerformanceProfiles {
  workloads: string[];
  metric: RankMetric;
  tauMax: number;
  solvers: SolverProfile[];
}

/** The workload of a trial: `model/dataset`. */
export const workloadOf = (t: Pick<TrialRecord, 'model' | 'dataset'>) => `${t.model.name}/${t.dataset.name}`;

/**
 * What defines a trial's training that its record does not hold: the validation split and the
 * preprocessing of the suite it ran in (a results document's `suite.spec`).
 */
export type RunSettings = Pick<SolverConfig, 'validationFraction' | 'preprocessing'>;

/** The solver of a trial: the id of its configuration without model and dataset (core/suite/expand.ts). */
export function solverIdOf(t: TrialRecord, settings: RunSettings): string {
  const { optimizer, regularizers, initializer, activation, epochs, batchSize } = t;
  return solverIdOfConfig({ optimizer, regularizers, initializer, activation, epochs, batchSize, ...settings });
}

/** A trial's label without the model and dataset that labels append when a suite varies them. */
export function solverLabelOf(t: TrialRecord): string {
  let label = t.label;
  for (const suffix of [` ${t.dataset.name}`, ` ${t.model.name}`]) if (label.endsWith(suffix)) label = label.slice(0, -suffix.length);
  return label;
}

/** The lower-is-better cost of a ranked configuration; Infinity when it cannot be counted as solved. */
export function costOf(e: RankEntry, metric: RankMetric): number {
  if (e.ok === 0 || e.ok !== e.trials) return Infinity;
  if (metric === 'timeToTarget' && (!e.timeToTarget || e.timeToTarget.reached !== e.timeToTarget.of)) return Infinity;
  const s = rankedSummary(e, metric);
  if (!s) return Infinity;
  if (metric === 'testAccuracy') return 1 - s.mean;
  return METRIC_INFO[metric].higherIsBetter ? 1 / s.mean : s.mean;
}

/** r = cost / best, with 0/0 = 1 (both perfect) and x/0 = Infinity. */
function ratio(cost: number, best: number): number {
  if (!Number.isFinite(cost)) return Infinity;
  if (best === 0) return cost === 0 ? 1 : Infinity;
  return cost / best;
}

/**
 * Performance profiles of the solvers in `trials` over their workloads, from the ranking `entries`
 * (one per configuration); `settingsOf` gives the run settings of each trial's suite. Undefined when
 * the trials span fewer than two workloads. A solver absent from a workload counts as having failed it.
 */
export function performanceProfiles(
  trials: readonly TrialRecord[],
  entries: readonly RankEntry[],
  metric: RankMetric,
  settingsOf: (t: TrialRecord) => RunSettings,
  tauMax = DEFAULT_TAU_MAX,
): PerformanceProfiles | undefined {
  const workloads = [...new Set(trials.map(workloadOf))].sort();
  if (workloads.length < 2) return undefined;
  const byConfig = new Map(entries.map((e) => [e.configId, e]));
  const solvers = new Map<string, { label: string; costs: Map<string, number> }>();
  for (const t of trials) {
    const id = solverIdOf(t, settingsOf(t));
    const s = solvers.get(id) ?? { label: solverLabelOf(t), costs: new Map<string, number>() };
    solvers.set(id, s);
    const e = byConfig.get(t.configId);
    if (e) s.costs.set(workloadOf(t), costOf(e, metric));
  }
  const labels = [...solvers.values()].map((s) => s.label);
  for (const [id, s] of solvers) if (labels.indexOf(s.label) !== labels.lastIndexOf(s.label)) s.label = `${s.label} [${id.slice(0, 6)}]`;
  const best = new Map(workloads.map((w) => [w, Math.min(...[...solvers.values()].map((s) => s.costs.get(w) ?? Infinity))]));
  const profiles = [...solvers.entries()].map(([solverId, s]): SolverProfile => {
    const ratios = Object.fromEntries(workloads.map((w) => [w, ratio(s.costs.get(w) ?? Infinity, best.get(w)!)]));
    const finite = Object.values(ratios)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const steps = [...new Set(finite)].map((tau) => ({ tau, rho: finite.filter((r) => r <= tau).length / workloads.length }));
    return { solverId, label: s.label, ratios, steps, score: profileScore(steps, tauMax) };
  });
  profiles.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
  return { workloads, metric, tauMax, solvers: profiles };
}

/** (1 / (tauMax - 1)) * integral over [1, tauMax] of the step function `steps` (right-continuous). */
export function profileScore(steps: ReadonlyArray<{ tau: number; rho: number }>, tauMax = DEFAULT_TAU_MAX): number {
  let area = 0;
  steps.forEach((s, i) => {
    const from = Math.max(1, s.tau);
    const to = Math.min(tauMax, steps[i + 1]?.tau ?? tauMax);
    if (to > from) area += s.rho * (to - from);
  });
  return area / (tauMax - 1);
}

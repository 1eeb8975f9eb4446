/**
 * Seed planning (`bench plan seeds`): from a ranking and its trials, for the pairs near the top of
 * each workload (the best against each of the next `top` configurations), the smallest difference the
 * current seeds detect with the target power (80%), and how many seeds a difference of `delta` (and
 * the difference observed) would need to be separated, at the level the ranking holds that comparison
 * to: alpha / m under Holm (its strictest step, m the comparisons with the best), alpha without a
 * correction. Pairs that share their seeds (core/analysis/seed-tests.ts pairedSeeds) are planned as paired (σ the sd of the per-seed
 * differences), others (and all with `test: 'welch'`) as two independent samples (σ pooled, seeds per
 * configuration). Power and
 * sample size: core/analysis/power.ts. Knows the ranking's shape, not files or tables.
 */
import { type Correction, strictestLevel } from './multiple';
import { type Design, minimumDetectableEffect, seedsFor, wilcoxonMinimumSeeds } from './power';
import { type RankEntry, rankedValues } from './ranking';
import { differences, pairedSeeds, type SeedValues, type TestChoice } from './seed-tests';
import { sampleStandardDeviation } from 'simple-statistics';
import type { TrialRecord } from '../train/record';
import type { RankMetric, Target } from '../suite/types';

export interface PlanOptions {
  rankBy: RankMetric;
  target?: Target;
  alpha: number;
  correction: Correction;
  /** The ranking's test: with `welch` nothing is paired, so every pair is planned as independent samples. */
  test?: TestChoice;
  /** The power to plan for (default 0.8). */
  power?: number;
  /** A difference to plan for, in the metric's display unit (accuracy: points). */
  delta?: number;
  /** Comparisons with the best planned per workload (default 3). */
  top?: number;
}

/** One pair: the best of a workload against another configuration near the top. */
export interface PlanRow {
  workload: string;
  best: string;
  other: string;
  /** The other's rank. */
  rank: number;
  design: Design;
  /** Pairs (paired) or seeds of the smaller configuration (independent). */
  seeds: number;
  /** The other's mean minus the best's, in the display unit. */
  difference: number;
  /** σ: the sd of the per-seed differences (paired) or the pooled sd, in the display unit. */
  sd: number;
  /** The two-sided level the comparison is held to. */
  level: number;
  /** The smallest difference the current seeds detect with the planned power. */
  detectable: number;
  /** Seeds that detect `delta`; null beyond 1000 (or without spread to estimate); absent without delta. */
  seedsForDelta?: number | null;
  /** Seeds that would detect the difference observed; null beyond 1000 or for none. */
  seedsForObserved: number | null;
  /** The fewest seeds with which the exact Wilcoxon test can reach the level at all. */
  wilcoxonMinimum: number;
}

export interface SeedPlan {
  metric: RankMetric;
  /** The display unit: `points` (accuracy), `s`, `samples/s`. */
  unit: string;
  power: number;
  alpha: number;
  correction: Correction;
  delta?: number;
  rows: PlanRow[];
}

/** The display unit of a metric and the factor from stored values to it. */
export function planUnit(metric: RankMetric): { unit: string; scale: number } {
  if (metric === 'testAccuracy') return { unit: 'points', scale: 100 };
  return { unit: metric === 'samplesPerSecond' ? 'samples/s' : 's', scale: 1 };
}

/** σ, the design and the seeds of a pair (see the module comment); undefined below two values. */
function spreadOf(a: SeedValues, b: SeedValues, paired: boolean): { design: Design; sd: number; seeds: number } | undefined {
  if (a.size < 2 || b.size < 2) return undefined;
  const seeds = paired ? pairedSeeds(a, b) : undefined;
  if (seeds) {
    const d = differences(
      seeds.map((s) => a.get(s)!),
      seeds.map((s) => b.get(s)!),
    );
    return { design: 'paired', sd: d.every((x) => x === d[0]) ? 0 : sampleStandardDeviation(d), seeds: d.length };
  }
  const sa = sampleStandardDeviation([...a.values()]);
  const sb = sampleStandardDeviation([...b.values()]);
  return { design: 'independent', sd: Math.sqrt((sa * sa + sb * sb) / 2), seeds: Math.min(a.size, b.size) };
}

/** The seed plan of `ranking` (made from `trials` with `opts`' metric and target). */
export function planSeeds(trials: readonly TrialRecord[], ranking: readonly RankEntry[], opts: PlanOptions): SeedPlan {
  const power = opts.power ?? 0.8;
  const top = opts.top ?? 3;
  const { unit, scale } = planUnit(opts.rankBy);
  const values = rankedValues(trials, opts.rankBy, opts.target);
  const workloads = new Map<string, RankEntry[]>();
  for (const e of ranking) workloads.set(`${e.model}/${e.dataset}`, [...(workloads.get(`${e.model}/${e.dataset}`) ?? []), e]);
  const rows: PlanRow[] = [];
  for (const [workload, entries] of workloads) {
    const best = entries[0]!;
    const compared = entries.slice(1).filter((e) => e.vsBest);
    const level = strictestLevel(opts.alpha, compared.length, opts.correction);
    for (const e of compared.slice(0, top)) {
      const a = values.get(e.configId) ?? new Map<number, number>();
      const b = values.get(best.configId) ?? new Map<number, number>();
      const spread = spreadOf(a, b, opts.test !== 'welch')!;
      const difference = e.vsBest!.difference * scale;
      const sd = spread.sd * scale;
      const seedsOf = (delta: number) => (sd === 0 ? (delta === 0 ? null : 2) : (seedsFor(Math.abs(delta) / sd, level, power, spread.design) ?? null));
      rows.push({
        workload,
        best: best.label,
        other: e.label,
        rank: e.rank,
        design: spread.design,
        seeds: spread.seeds,
        difference,
        sd,
        level,
        detectable: sd * minimumDetectableEffect(spread.seeds, level, power, spread.design),
        ...(opts.delta !== undefined ? { seedsForDelta: seedsOf(opts.delta) } : {}),
        seedsForObserved: seedsOf(difference),
        wilcoxonMinimum: wilcoxonMinimumSeeds(level),
      });
    }
  }
  return { metric: opts.rankBy, unit, power, alpha: opts.alpha, correction: opts.correction, ...(opts.delta !== undefined ? { delta: opts.delta } : {}), rows };
}

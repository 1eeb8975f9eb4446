/**
 * Successive halving (Jamieson & Talwalkar, "Non-stochastic best arm identification and
 * hyperparameter optimization", AISTATS 2016; the inner loop of Hyperband, Li et al., JMLR 18, 2018),
 * as the pieces a search runs it with (core/search/halving-run.ts runs the rungs):
 *
 * - A bracket is one optimizer entry on one workload: its n configurations (`budget.configs`, drawn by
 *   `halving.sample`) compete only with each other. Every entry gets its own bracket, with the same
 *   budget where the suite's search block sets it, so an optimizer that starts slowly (SGD) is pruned
 *   only by configurations of itself, never in favour of one that starts fast (Adam).
 * - Rungs: minEpochs, minEpochs·eta, minEpochs·eta², ... epochs while below the search epochs R, then R.
 *   Rung i trains c_i configurations (c_0 = n) and promotes the best c_{i+1} = max(1, floor(c_i / eta))
 *   by the selection metric at its last epoch; once one is left it goes straight to R.
 * - Trials are not checkpointed: a rung trains its configurations from the start, for its epochs, with
 *   the learning-rate schedule laid out over R (`scheduleEpochs`). A seed fixes the initial weights and
 *   the data order, so a rung's trial is the first epochs of the full one, bit for bit on one backend and
 *   thread count; the last rung's trials are the full search trials themselves (same ids: a full search
 *   of the same configurations in the result cache is found by them). The cost is the sum over rungs of
 *   c_i · e_i epochs (9 configurations, eta 3, 1 to 9 epochs: 27, against 81 for a full search).
 * - Kendall's tau-b (core/analysis/rank-correlation.ts) between the halving's ranking (by the rung
 *   reached, then by the value there) and a full search's (by the value after R epochs) says how far
 *   pruning changed the order.
 *
 * Pure functions of trials and records: it trains nothing and knows nothing of files.
 */
import { kendallTauB } from '../analysis/rank-correlation';
import type { TrialRecord } from '../train/record';
import { configIdOf } from '../suite/expand';
import type { SelectionMetric, Trial } from '../suite/types';
import { selectionValue } from './select';

/** One rung of a bracket as planned. */
export interface Rung {
  epochs: number;
  configs: number;
}

/** The rungs of a bracket of `configs` configurations (see the module comment). */
export function rungsOf(configs: number, eta: number, minEpochs: number, epochs: number): Rung[] {
  const rungs: Rung[] = [];
  let c = configs;
  for (let e = minEpochs; e < epochs && c > 1; e *= eta) {
    rungs.push({ epochs: e, configs: c });
    c = Math.max(1, Math.floor(c / eta));
  }
  rungs.push({ epochs, configs: c });
  return rungs;
}

/** Trial `t` stopped after `epochs` of its epochs, its schedule still over all of them; `t` itself when that is all of them. */
export function stoppedAt(t: Trial, epochs: number): Trial {
  if (epochs >= t.config.epochs) return t;
  const config = { ...t.config, epochs, scheduleEpochs: t.config.scheduleEpochs ?? t.config.epochs };
  const configId = configIdOf(config);
  return { ...t, id: `${configId}-s${t.seed}`, configId, config };
}

/** The `keep` best of `records` by `metric` at their last epoch (highest valAccuracy, lowest valLoss; ties: the earlier), best first; none without a value. */
export function promote(records: readonly TrialRecord[], metric: SelectionMetric, keep: number): TrialRecord[] {
  const sign = metric === 'valLoss' ? 1 : -1;
  return records
    .map((r, i) => ({ r, i, v: selectionValue(r, metric) }))
    .filter((x): x is { r: TrialRecord; i: number; v: number } => x.v !== null)
    .sort((a, b) => sign * (a.v - b.v) || a.i - b.i)
    .slice(0, keep)
    .map((x) => x.r);
}

/** Where a configuration of a bracket stopped: the rung it reached and its value there (null: it did not finish). */
export interface HalvingResult {
  rung: number;
  value: number | null;
}

/** The halving's ranks of a bracket's configurations (1 = best): by the rung reached, then by the value there; exact ties share their mean rank. */
export function halvingRanks(results: readonly HalvingResult[], lowerIsBetter: boolean): number[] {
  const within = (v: number | null) => (v === null ? -Infinity : lowerIsBetter ? -v : v);
  const compare = (x: number, y: number) => (x === y ? 0 : x > y ? -1 : 1);
  /** Negative when configuration a ranks before b. */
  const before = (a: number, b: number) => compare(results[a]!.rung, results[b]!.rung) || compare(within(results[a]!.value), within(results[b]!.value));
  const order = results.map((_, i) => i).sort(before);
  const ranks = new Array<number>(results.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && before(order[i]!, order[j + 1]!) === 0) j++;
    for (let k = i; k <= j; k++) ranks[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/**
 * Kendall's tau-b between the halving's ranking of a bracket and a full search's values of the same
 * configurations after all the epochs (`full`, null where that trial did not finish), over those
 * finished in both; undefined below two such configurations.
 */
export function fullSearchAgreement(results: readonly HalvingResult[], full: ReadonlyArray<number | null>, lowerIsBetter: boolean): { configs: number; kendallTau: number } | undefined {
  const ranks = halvingRanks(results, lowerIsBetter);
  const both = results.map((_, i) => i).filter((i) => results[i]!.value !== null && full[i] !== null);
  const sign = lowerIsBetter ? -1 : 1;
  const tau = kendallTauB(
    both.map((i) => -ranks[i]!),
    both.map((i) => sign * full[i]!),
  );
  return tau === undefined ? undefined : { configs: both.length, kendallTau: tau };
}

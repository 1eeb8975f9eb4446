/**
 * A search block's successive-halving settings (`"strategy": "halving"`, `halving: {eta, minEpochs,
 * sample}`): their defaults, their checks against the search epochs, and the warning when the brackets
 * of a suite's optimizers do not have one budget. core/search/settings.ts resolves the rest of the
 * block; how the rungs run is core/search/halving.ts's. It knows nothing of plugins or trials.
 */
import type { ParamIssue } from '../plugin/params';
import type { SearchBlock } from '../suite/types';

/** Successive halving's rate and first rung, defaults filled in. */
export interface HalvingSettings {
  eta: number;
  minEpochs: number;
}

/** What the budget warning reads of an entry's settings. */
interface Bracketed {
  configs: number;
  epochs: number;
  halving?: HalvingSettings;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Successive halving's settings of block `b` (at JSON path `at`) for `epochs` search epochs, or undefined; its problems pushed on `issues`. */
export function halvingOf(b: SearchBlock, epochs: number, at: string, issues: ParamIssue[]): HalvingSettings | undefined {
  if (b.strategy !== 'halving') {
    if (b.halving !== undefined) issues.push({ path: `${at}.halving`, message: 'is read only with "strategy": "halving"' });
    return undefined;
  }
  const eta = b.halving?.eta ?? 3;
  const minEpochs = b.halving?.minEpochs ?? 1;
  if (minEpochs >= epochs) {
    issues.push({ path: `${at}.halving.minEpochs`, message: `${minEpochs} leaves no rung below the ${plural(epochs, 'search epoch')}; give fewer than ${epochs} (or more search epochs)` });
  }
  return { eta, minEpochs };
}

/**
 * A warning when the halving brackets of a suite do not all have the same budget (configurations,
 * eta, first rung, search epochs): a budget-fair comparison gives every optimizer the same.
 */
export function unequalBrackets(settings: ReadonlyArray<Bracketed | undefined>, names: readonly string[]): string[] {
  const budgets = settings.flatMap((s, i) => (s?.halving ? [{ name: names[i]!, key: `${s.configs} configurations, eta ${s.halving.eta}, ${s.halving.minEpochs} to ${plural(s.epochs, 'epoch')}` }] : []));
  if (new Set(budgets.map((b) => b.key)).size < 2) return [];
  return [
    `$.optimizers: the halving brackets have different budgets (${budgets.map((b) => `${b.name}: ${b.key}`).join('; ')}); ` +
      'a budget-fair comparison gives every optimizer the same: set budget and halving in the suite\'s "search" block',
  ];
}

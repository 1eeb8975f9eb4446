/**
 * The trials a tuning run's ranking is made of: the final trials (each chosen configuration rerun on
 * the final seeds, the untuned entries as written), and for every tuned entry and workload whose search
 * trials all diverged, failed or timed out (nothing to rerun), those search trials as one configuration
 * labelled `<entry> (search: none finished)` (with successive halving: those of its last rung, the pruned
 * ones not being candidates). Such a configuration has no ok trial, so it ranks last
 * with its status, like any configuration whose trials failed, instead of vanishing from the ranking.
 * The untuned `defaults` trials are ranked apart (`bench run --defaults`).
 */
import { stableHash } from '../util/json';
import type { TrialRecord } from '../train/record';

/** What a tuned entry whose search found nothing is called in the ranking. */
export const NO_SEARCH_TRIAL_FINISHED = '(search: none finished)';

/** The workload of a record (everything but the optimizer and the seed), as selection groups search trials. */
function workloadOf(t: TrialRecord): string {
  return JSON.stringify([t.model.name, t.dataset.name, t.regularizers.map((r) => r.label), t.initializer.label, t.activation.label]);
}

/**
 * The trials to rank (see the module comment). `tuning`: whether the trials are a tuning run's (the
 * document has a `selection`, or final trials); otherwise every trial is ranked. Search trials without
 * an `entry` (files from before it was recorded) are left out, as they were.
 */
export function rankedTrials(trials: readonly TrialRecord[], tuning: boolean): TrialRecord[] {
  if (!tuning) return [...trials];
  const ranked = trials.filter((t) => t.phase === undefined || t.phase === 'final');
  const rerun = new Set(ranked.map((t) => JSON.stringify([t.entry, workloadOf(t)])));
  const searches = new Map<string, TrialRecord[]>();
  for (const t of trials) {
    // A trial that successive halving pruned is not a candidate: the entry found nothing when its last rung did not.
    if (t.phase !== 'search' || t.entry === undefined || t.pruned) continue;
    const key = JSON.stringify([t.entry, workloadOf(t)]);
    searches.set(key, [...(searches.get(key) ?? []), t]);
  }
  for (const [key, group] of searches) {
    if (rerun.has(key) || group.some((t) => t.status === 'ok')) continue;
    const configId = `search-${stableHash(key)}`;
    for (const t of group) {
      // The label's workload part (regularizers, initializer, ... where the suite varies them) follows the optimizer's label.
      const rest = t.label.startsWith(t.optimizer.label) ? t.label.slice(t.optimizer.label.length) : '';
      ranked.push({ ...t, configId, label: `${t.entry}${rest} ${NO_SEARCH_TRIAL_FINISHED}` });
    }
  }
  return ranked;
}

/** Whether a results document's trials are a tuning run's: it has a selection, or final trials. */
export function isTuningRun(doc: { trials: readonly TrialRecord[]; selection?: unknown }): boolean {
  return doc.selection !== undefined || doc.trials.some((t) => t.phase === 'final');
}

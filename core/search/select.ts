/**
 * Selection: the best search trial of a group by its validation metric at the last epoch. The test set
 * is never looked at (records' `final` test metrics are ignored), so the choice cannot leak test data.
 */
import type { Selection, SelectionMetric } from '../results/selection';
import type { TrialRecord } from '../train/record';
import type { Trial } from '../suite/types';

/** The workload part of a trial (everything but the optimizer and the seed): selection, and a halving bracket, is per workload. */
export function workloadKey(t: Trial): string {
  const c = t.config;
  return JSON.stringify([c.model, c.dataset, c.regularizers.map((r) => r.label), c.initializer.label, c.activation.label]);
}

/** A search trial's selection value: the metric at its last epoch (null when it has none). */
export function selectionValue(r: TrialRecord, metric: SelectionMetric): number | null {
  if (r.status !== 'ok') return null;
  const last = r.history[r.history.length - 1];
  const v = last ? last[metric] : null;
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/**
 * The best of `trials` by `metric` (highest valAccuracy, lowest valLoss); ties go to the earlier trial;
 * undefined when no trial finished with a value (diverged, failed, timed out, or no validation split).
 */
export function selectBest(trials: readonly TrialRecord[], metric: SelectionMetric): { trial: TrialRecord; value: number } | undefined {
  let best: { trial: TrialRecord; value: number } | undefined;
  for (const t of trials) {
    const v = selectionValue(t, metric);
    if (v === null) continue;
    if (!best || (metric === 'valLoss' ? v < best.value : v > best.value)) best = { trial: t, value: v };
  }
  return best;
}

/** The tuneability curves as a text table: expected best validation metric by configurations tried. */
export function tuneabilityTable(selection: readonly Selection[]): string {
  const withCurve = selection.filter((s) => s.tuneability && s.tuneability.length > 0);
  if (withCurve.length === 0) return '';
  const n = Math.max(...withCurve.map((s) => s.tuneability!.length));
  const cell = (s: Selection, v: number | undefined) => (v === undefined ? '' : s.metric === 'valAccuracy' ? `${(v * 100).toFixed(2)}%` : v.toFixed(4));
  const multi = withCurve.some((x) => x.model !== withCurve[0]!.model || x.dataset !== withCurve[0]!.dataset);
  const table = [
    ['optimizer', ...Array.from({ length: n }, (_, i) => `n=${i + 1}`)],
    ...withCurve.map((s) => [multi ? `${s.optimizer} ${s.model}/${s.dataset}` : s.optimizer, ...Array.from({ length: n }, (_, i) => cell(s, s.tuneability![i]))]),
  ];
  const widths = table[0]!.map((_, j) => Math.max(...table.map((r) => r[j]!.length)));
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ').trimEnd();
  return [
    'Tuneability: expected best validation metric after n configurations (expected maximum over draws from the search trials, Dodge et al. 2019):',
    ...table.map(line),
  ].join('\n');
}

/** The selection as a text table: per optimizer, the chosen hyper-parameters and what the search cost. */
export function selectionTable(selection: readonly Selection[]): string {
  const fmt = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : JSON.stringify(v));
  const rows = selection.map((s) => [
    s.optimizer,
    selection.some((x) => x.model !== selection[0]!.model || x.dataset !== selection[0]!.dataset) ? `${s.model}/${s.dataset}` : '',
    s.params ? s.searched.map((k) => `${k}=${fmt(s.params![k])}`).join(' ') : '(none finished)',
    s.value === null ? '—' : `${s.metric} ${s.metric === 'valAccuracy' ? `${(s.value * 100).toFixed(2)}%` : s.value.toFixed(4)}`,
    s.halving ? `${s.configs} halving (kept ${s.halving.rungs.slice(0, -1).map((r) => `${r.kept} at epoch ${r.epochs}`).join(', ') || 'all'})` : `${s.configs} ${s.strategy}`,
    `${s.seconds.toFixed(1)} s`,
  ]);
  const head = ['optimizer', 'workload', 'chosen', 'selected by', 'configs', 'search cost'];
  const keep = head.map((_, j) => j !== 1 || rows.some((r) => r[1] !== ''));
  const table = [head, ...rows].map((r) => r.filter((_, j) => keep[j]));
  const widths = table[0]!.map((_, j) => Math.max(...table.map((r) => r[j]!.length)));
  const line = (r: string[]) => r.map((c, j) => c.padEnd(widths[j]!)).join('  ').trimEnd();
  const agreement = selection.filter((s) => s.halving?.fullSearch).map((s) => `${s.optimizer} ${s.halving!.fullSearch!.kendallTau.toFixed(2)} over ${s.halving!.fullSearch!.configs}`);
  return [
    'Hyper-parameter search (selected on the validation split, at the last search epoch):',
    line(table[0]!),
    ...table.slice(1).map(line),
    ...(agreement.length > 0 ? [`Halving against the full search of the same configurations (in --cache-dir), Kendall's tau: ${agreement.join('; ')}.`] : []),
  ].join('\n');
}

/**
 * The columns of a ranked table, shared by the terminal, Markdown, LaTeX and HTML tables so they say
 * the same thing: each cell as plain text, plus the numbers that decide which cell is best.
 */
import { METRIC_INFO, type RankEntry } from '../analysis/ranking';
import { type RankMetric } from '../suite/types';
import type { Summary } from '../analysis/stats';
import type { TestName } from '../analysis/seed-tests';

/**
 * `mean ± sd` of a summary scaled by `scale`, with `digits` decimals; the mean alone for a single value
 * (whose sd says nothing); an em dash when absent.
 */
export function meanSd(s: Summary | null | undefined, digits: number, scale = 1, pm = '±'): string {
  if (!s) return '—';
  const m = (s.mean * scale).toFixed(digits);
  return s.n < 2 ? m : `${m} ${pm} ${(s.sd * scale).toFixed(digits)}`;
}

/**
 * `[low, high]` of the 95% CI, scaled; with two values (too few for an interval) their range,
 * `range low–high`; an em dash for one value.
 */
export function ci(s: Summary | null | undefined, digits: number, scale = 1): string {
  if (!s) return '—';
  const f = (v: number) => (v * scale).toFixed(digits);
  if (s.ciLow != null && s.ciHigh != null) return `[${f(s.ciLow)}, ${f(s.ciHigh)}]`;
  return s.n >= 2 ? `range ${f(s.min)}–${f(s.max)}` : '—';
}

/** A p-value in three decimals, `<0.001` below that; an em dash when absent. */
export function pValue(p: number | undefined): string {
  if (p === undefined) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** How a p cell names its test when a table mixes tests. */
const TEST_TAGS: Record<TestName, string> = { 'paired-t': 'paired t', wilcoxon: 'Wilcoxon', welch: 'Welch' };

/**
 * The "p vs best" cell: the adjusted p (the ranking's correction), with its test named when the
 * table mixes tests; an em dash when the test cannot be made, empty for the best.
 */
export function pVsBest(e: RankEntry, mixed: boolean): string {
  if (e.vsBest === undefined) return '';
  if (e.vsBest === null) return '—';
  const p = pValue(e.vsBest.pAdjusted);
  return mixed ? `${p} (${TEST_TAGS[e.vsBest.test]})` : p;
}

/** "ok", or "1 diverged, 2 failed". */
export function statusOf(e: RankEntry): string {
  return [e.diverged ? `${e.diverged} diverged` : '', e.failed ? `${e.failed} failed` : '', e.timeout ? `${e.timeout} timeout` : ''].filter(Boolean).join(', ') || 'ok';
}

/** One column of a ranked table. */
export interface Column {
  key: string;
  head: string;
  align: 'left' | 'right';
  cell(e: RankEntry): string;
  /** For numeric columns: the metric that decides the best cell, and its direction. */
  best?: { metric: RankMetric | 'timeToTarget'; summary(e: RankEntry): Summary | null; higherIsBetter: boolean };
}

/** The columns of the ranked table; time-to-target columns only when the entries have it. */
export function rankColumns(ranking: readonly RankEntry[], opts: { pm?: string } = {}): Column[] {
  const pm = opts.pm ?? '±';
  const hasTarget = ranking.some((e) => e.timeToTarget);
  const mixed = new Set(ranking.flatMap((e) => (e.vsBest ? [e.vsBest.test] : []))).size > 1;
  const cols: Column[] = [
    { key: 'rank', head: 'rank', align: 'right', cell: (e) => String(e.rank) },
    { key: 'configuration', head: 'configuration', align: 'left', cell: (e) => e.label },
    {
      key: 'testAccuracy',
      head: 'test acc % (mean ± sd)',
      align: 'right',
      cell: (e) => meanSd(e.testAccuracy, 2, 100, pm),
      best: { metric: 'testAccuracy', summary: (e) => e.testAccuracy, higherIsBetter: true },
    },
    { key: 'testAccuracyCi', head: '95% CI', align: 'right', cell: (e) => ci(e.testAccuracy, 2, 100) },
    { key: 'n', head: 'n', align: 'right', cell: (e) => `${e.ok}/${e.trials}` },
    {
      key: 'trainSeconds',
      head: 'train s',
      align: 'right',
      cell: (e) => meanSd(e.trainSeconds, 1, 1, pm),
      best: { metric: 'trainSeconds', summary: (e) => e.trainSeconds, higherIsBetter: false },
    },
    {
      key: 'samplesPerSecond',
      head: 'samples/s',
      align: 'right',
      cell: (e) => (e.samplesPerSecond ? e.samplesPerSecond.mean.toFixed(0) : '—'),
      best: { metric: 'samplesPerSecond', summary: (e) => e.samplesPerSecond, higherIsBetter: true },
    },
  ];
  if (hasTarget) {
    cols.push(
      {
        key: 'timeToTarget',
        head: 'to target s',
        align: 'right',
        cell: (e) => meanSd(e.timeToTarget?.seconds, 1, 1, pm),
        best: { metric: 'timeToTarget', summary: (e) => e.timeToTarget?.seconds ?? null, higherIsBetter: false },
      },
      { key: 'targetEpochs', head: 'to target epochs', align: 'right', cell: (e) => (e.timeToTarget?.epochs ? e.timeToTarget.epochs.mean.toFixed(1) : '—') },
      { key: 'reached', head: 'reached', align: 'right', cell: (e) => (e.timeToTarget ? `${e.timeToTarget.reached}/${e.timeToTarget.of}` : '—') },
    );
  }
  cols.push(
    { key: 'pVsBest', head: 'p vs best', align: 'right', cell: (e) => pVsBest(e, mixed) },
    { key: 'status', head: 'status', align: 'left', cell: statusOf },
  );
  return cols;
}

/**
 * Which entries a column shows in bold: per workload, the best mean among configurations whose every trial was ok
 * (and, by time-to-target, whose every seed reached it); in the column of the ranked metric, every
 * configuration that shares rank 1.
 */
export function bestEntries(ranking: readonly RankEntry[], col: Column, rankBy: RankMetric): Set<RankEntry> {
  const out = new Set<RankEntry>();
  if (!col.best) return out;
  const { summary, higherIsBetter, metric } = col.best;
  const eligible = ranking.filter(
    (e) => e.ok > 0 && e.ok === e.trials && summary(e) && (metric !== 'timeToTarget' || e.timeToTarget!.reached === e.timeToTarget!.of),
  );
  if (metric === rankBy) {
    for (const e of eligible) if (e.rank === 1) out.add(e);
    return out;
  }
  // Best within each workload (model/dataset): numbers from different workloads do not compete.
  const workloads = new Map<string, RankEntry[]>();
  for (const e of eligible) workloads.set(`${e.model}/${e.dataset}`, [...(workloads.get(`${e.model}/${e.dataset}`) ?? []), e]);
  for (const group of workloads.values()) {
    const means = group.map((e) => summary(e)!.mean);
    const target = higherIsBetter ? Math.max(...means) : Math.min(...means);
    for (const e of group) if (summary(e)!.mean === target) out.add(e);
  }
  return out;
}

/** The name of the ranked metric, for captions. */
export const rankedName = (rankBy: RankMetric) => METRIC_INFO[rankBy].name;

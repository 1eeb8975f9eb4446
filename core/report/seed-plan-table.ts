/**
 * The seed plan (core/analysis/seed-plan.ts) as the terminal table `bench plan seeds` prints: one row
 * per pair near the top, with the lines that say what the numbers assume. Formatting only.
 */
import Table from 'cli-table3';
import { METRIC_INFO } from '../analysis/ranking';
import type { SeedPlan } from '../analysis/seed-plan';
import { WILCOXON_FROM } from '../analysis/seed-tests';

/** The plan's table and notes; `color: false` for logs and tests. */
export function seedPlanTable(plan: SeedPlan, opts: { color?: boolean } = {}): string {
  const digits = plan.unit === 'points' ? 3 : 2;
  const f = (v: number) => v.toFixed(digits);
  const seeds = (n: number | null | undefined) => (n === null || n === undefined ? '> 1000' : String(n));
  const head = ['workload', 'best', 'against', 'seeds', `difference (${plan.unit})`, 'sd', 'level', `detectable now (${Math.round(plan.power * 100)}%)`];
  if (plan.delta !== undefined) head.push(`seeds for ${plan.delta} ${plan.unit}`);
  head.push('seeds for observed');
  const table = new Table({ head, style: opts.color === false ? { head: [], border: [] } : undefined, colAligns: head.map((_, i) => (i < 3 ? 'left' : 'right')) });
  for (const r of plan.rows) {
    const row = [r.workload, r.best, r.other, `${r.design}, ${r.seeds}`, f(r.difference), f(r.sd), r.level.toFixed(4), f(r.detectable)];
    if (plan.delta !== undefined) row.push(seeds(r.seedsForDelta));
    row.push(r.difference === 0 ? '—' : seeds(r.seedsForObserved));
    table.push(row);
  }
  const level = plan.correction === 'holm' ? `Holm: alpha / m over a workload's m comparisons with the best, its strictest step` : 'no correction';
  const minimum = [...new Set(plan.rows.map((r) => r.wilcoxonMinimum))].join(' or ');
  const lines = [
    `Seed plan for ${METRIC_INFO[plan.metric].name}, in ${plan.unit}: ${Math.round(plan.power * 100)}% power, two-sided tests at the level each comparison is held to (alpha ${plan.alpha}, ${level}).`,
    plan.rows.length > 0 ? table.toString() : 'No pair to plan: no configuration has a test against the best (fewer than two seeds, or incomplete).',
    'seeds: pairs where the two share their seeds (paired), else seeds per configuration (independent); sd: of the per-seed differences (paired) or pooled (independent), ' +
      'estimated from these seeds, so the plan is as uncertain as that estimate. Power of the paired or two-sample t-test (noncentral t).',
  ];
  if (plan.rows.length > 0) {
    lines.push(
      `From ${WILCOXON_FROM} seeds --test auto ranks with the Wilcoxon signed-rank test: under normal noise it needs about 5% more seeds than planned here ` +
        `(asymptotic relative efficiency 3/π = 0.955), and it cannot reach p below 2^(1-n): at least ${minimum} seeds for the level here.`,
    );
  }
  return lines.join('\n');
}

/**
 * The Dolan-Moré performance profiles as a step plot, when the results span several workloads: the
 * share of workloads on which each configuration's cost is within a factor τ of the best. The profiles
 * themselves are computed in core/analysis/profiles.ts; this only draws them.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Report } from './model';
import { CONFIG, HEIGHT, type Plot, SCHEMA, WIDTH } from './plot-style';

/** The performance-profile plot, or undefined when the report has a single workload. */
export function profilePlot(report: Report): Plot | undefined {
  const p = report.profiles;
  if (!p) return undefined;
  const rows: Array<{ solver: string; tau: number; rho: number }> = [];
  for (const s of p.solvers) {
    const at1 = s.steps.filter((st) => st.tau <= 1).at(-1)?.rho ?? 0;
    rows.push({ solver: s.label, tau: 1, rho: at1 });
    for (const st of s.steps) if (st.tau > 1 && st.tau < p.tauMax) rows.push({ solver: s.label, tau: st.tau, rho: st.rho });
    rows.push({ solver: s.label, tau: p.tauMax, rho: s.steps.filter((st) => st.tau <= p.tauMax).at(-1)?.rho ?? 0 });
  }
  const order = p.solvers.map((s) => `${s.label}`);
  return {
    name: 'performance-profile',
    title: 'Performance profiles',
    caption:
      `Dolan-Moré performance profiles over ${p.workloads.length} workloads (${p.workloads.join(', ')}): the share of workloads on which a configuration's ` +
      `cost is within a factor τ of the best (cost: ${p.metric === 'testAccuracy' ? 'test error' : p.metric}, mean over seeds; a workload with a diverged or failed trial counts as never within). Scores (area under the curve up to τ = ${p.tauMax}, divided by ${p.tauMax - 1}, as AlgoPerf scores): ` +
      p.solvers.map((s) => `${s.label} ${s.score.toFixed(3)}`).join(', ') +
      '.',
    spec: {
      $schema: SCHEMA,
      title: 'Performance profiles',
      width: WIDTH,
      height: HEIGHT,
      config: CONFIG,
      data: { values: rows },
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, point: true },
      encoding: {
        x: { field: 'tau', type: 'quantitative', title: 'performance ratio τ (cost / best cost on the workload)', scale: { type: 'log', domain: [1, p.tauMax] } },
        y: { field: 'rho', type: 'quantitative', title: 'share of workloads ρ(τ)', scale: { domain: [0, 1] } },
        color: { field: 'solver', type: 'nominal', sort: order, title: 'configuration' },
      },
    } as TopLevelSpec,
  };
}

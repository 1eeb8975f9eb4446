/**
 * The critical-difference diagram (core/report/cd-layout.ts) as a Vega-Lite spec: rules for the
 * axis, leaders and group bars, text for the ranks and labels, with rank 1 on the right as Demšar
 * draws it. The test itself is core/analysis/critical-difference.ts; this only draws it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { describeCriticalDifference } from '../analysis/critical-difference';
import { cdLayout } from './cd-layout';
import type { Report } from './model';
import { CONFIG, type Plot, SCHEMA } from './plot-style';

/** Pixels per row of the diagram. */
const ROW = 22;

/** The critical-difference plot, or undefined when the report has no test across workloads. */
export function criticalDifferencePlot(report: Report): Plot | undefined {
  const c = report.criticalDifference;
  if (!c) return undefined;
  const layout = cdLayout(c);
  const top = -1.6;
  const x = { field: 'x', type: 'quantitative' as const, axis: null, scale: { domain: [layout.k + 0.15, 1 - 0.15], nice: false, zero: false } };
  const y = { field: 'y', type: 'quantitative' as const, axis: null, scale: { domain: [layout.bottom + 0.5, top], nice: false, zero: false } };
  const text = (side: 'left' | 'right' | 'centre') => ({
    data: { values: layout.labels.filter((l) => l.side === side) },
    mark: { type: 'text' as const, align: side === 'centre' ? ('center' as const) : side === 'right' ? ('left' as const) : ('right' as const), dx: side === 'right' ? 4 : side === 'left' ? -4 : 0, baseline: 'middle' as const, fontSize: 11 },
    encoding: { x, y, text: { field: 'text', type: 'nominal' as const } },
  });
  return {
    name: 'critical-difference',
    title: 'Critical differences',
    caption: describeCriticalDifference(c),
    spec: {
      $schema: SCHEMA,
      title: 'Critical differences (mean rank)',
      width: 520,
      height: Math.round((layout.bottom + 0.5 - top) * ROW),
      config: { ...CONFIG, view: { stroke: null } },
      padding: { left: 160, right: 160, top: 5, bottom: 5 },
      layer: [
        ...(['thin', 'bar'] as const).map((kind) => ({
          data: { values: layout.segments.filter((s) => s.kind === kind) },
          mark: { type: 'rule' as const, color: '#333', strokeWidth: kind === 'bar' ? 4 : 1 },
          encoding: { x, x2: { field: 'x2' }, y, y2: { field: 'y2' } },
        })),
        text('centre'),
        text('left'),
        text('right'),
      ],
    } as TopLevelSpec,
  };
}

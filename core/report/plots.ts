/**
 * The report's plots, in the order the HTML page shows them: the learning curves (core/report/plot-curves.ts),
 * final test accuracy over seeds and the best configuration's confusion matrix (plot-final.ts), and, when
 * the results span several workloads, the performance profiles (plot-profile.ts) and the critical-difference
 * diagram (plot-cd.ts). Each is a Vega-Lite
 * specification (plot-style.ts); core/report/render-svg.ts draws them.
 */
import type { Report } from './model';
import { curvePlot, curveRows } from './plot-curves';
import { confusionPlot, finalAccuracyPlot } from './plot-final';
import { criticalDifferencePlot } from './plot-cd';
import { profilePlot } from './plot-profile';
import type { Plot } from './plot-style';

export type { Plot } from './plot-style';

/** Every plot of the report, in the order the HTML page shows them. */
export function reportPlots(report: Report): Plot[] {
  const rows = curveRows(report);
  const plots: Array<Plot | undefined> = [];
  if (rows.length > 0) {
    plots.push(curvePlot(report, rows, 'loss', 'epoch'), curvePlot(report, rows, 'accuracy', 'epoch'));
    plots.push(curvePlot(report, rows, 'loss', 'seconds'), curvePlot(report, rows, 'accuracy', 'seconds'));
  }
  if (report.ranking.some((e) => e.testAccuracy)) plots.push(finalAccuracyPlot(report));
  plots.push(confusionPlot(report), profilePlot(report), criticalDifferencePlot(report));
  return plots.filter((p): p is Plot => p !== undefined);
}

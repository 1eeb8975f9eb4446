/**
 * The report's plots as Vega-Lite specifications, rendered to SVG in Node by Vega (no browser, no
 * canvas: Vega's SVG string renderer). Vega-Lite 5 and Vega 5 because they ship CommonJS builds that
 * this CommonJS package (and jest) can require; Vega 6 is ESM-only with top-level await.
 *
 * Plots: loss and accuracy (train solid, validation dashed; mean over seeds with a min-max band)
 * against epoch and against cumulative train seconds; final test accuracy over seeds as a strip plot
 * with the mean and its 95% CI; the test-set confusion matrix of the best configuration, summed over
 * its seeds, as a heatmap (colour: row-normalised rate, text: counts); and, when the results span
 * several workloads, the Dolan-Moré performance profiles.
 */
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import { mean, min, max } from 'simple-statistics';
import { isOk, type TrialRecord } from '../train/record';
import type { Report } from './model';

/** One plot: a file-system-safe name (for --svg-dir), a title and its Vega-Lite spec. */
export interface Plot {
  name: string;
  title: string;
  /** What the plot shows, in a sentence, for the HTML page. */
  caption: string;
  spec: TopLevelSpec;
}

const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220, symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2 },
  title: { fontSize: 14, anchor: 'start' as const },
};

const WIDTH = 340;
const HEIGHT = 220;

/** Per configuration, split and epoch: mean, min and max over the ok seeds of loss, accuracy and cumulative seconds. */
export function curveRows(report: Report): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  for (const e of report.ranking) {
    const trials = report.trials.filter((t) => t.configId === e.configId && t.status === 'ok');
    const epochs = Math.max(0, ...trials.map((t) => t.history.length));
    for (let i = 0; i < epochs; i++) {
      const at = trials.filter((t) => t.history[i]).map((t) => ({ h: t.history[i]!, seconds: cumulativeSeconds(t, i) }));
      if (at.length === 0) continue;
      const seconds = mean(at.map((a) => a.seconds));
      const splits: Array<['train' | 'validation', number[], number[]]> = [
        ['train', at.map((a) => a.h.trainLoss), at.map((a) => a.h.trainAccuracy)],
        ['validation', at.flatMap((a) => (a.h.valLoss === null ? [] : [a.h.valLoss])), at.flatMap((a) => (a.h.valAccuracy === null ? [] : [a.h.valAccuracy]))],
      ];
      for (const [split, loss, acc] of splits) {
        if (loss.length === 0 || acc.length === 0) continue;
        rows.push({
          configuration: e.label,
          split,
          epoch: i + 1,
          seconds,
          loss: mean(loss),
          lossMin: min(loss),
          lossMax: max(loss),
          accuracy: 100 * mean(acc),
          accuracyMin: 100 * min(acc),
          accuracyMax: 100 * max(acc),
        });
      }
    }
  }
  return rows;
}

/** The integers from `a` to `b`. */
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

function cumulativeSeconds(t: TrialRecord, index: number): number {
  let s = 0;
  for (let i = 0; i <= index; i++) s += t.history[i]!.trainSeconds;
  return s;
}

function curvePlot(report: Report, rows: Array<Record<string, string | number>>, y: 'loss' | 'accuracy', x: 'epoch' | 'seconds'): Plot {
  const order = report.ranking.map((e) => e.label);
  const epochs = Math.max(1, ...rows.map((r) => r.epoch as number));
  const xEnc =
    x === 'epoch'
      ? { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: epochs <= 20 ? { values: range(1, epochs), format: 'd' } : { tickMinStep: 1, format: 'd' } }
      : { field: 'seconds', type: 'quantitative' as const, title: 'train seconds (cumulative, mean over seeds)' };
  const yTitle = y === 'loss' ? 'cross-entropy loss' : 'accuracy %';
  const color = { field: 'configuration', type: 'nominal' as const, sort: order, scale: { domain: order }, title: 'configuration' };
  const what = y === 'loss' ? 'Loss' : 'Accuracy';
  const against = x === 'epoch' ? 'epoch' : 'train seconds';
  return {
    name: `${y}-vs-${x === 'epoch' ? 'epoch' : 'seconds'}`,
    title: `${what} against ${against}`,
    caption: `${what} per configuration against ${x === 'epoch' ? 'epoch' : 'cumulative train seconds'}: training (solid) and validation (dashed), mean over seeds, band from min to max.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: `${what} against ${against}`,
      width: WIDTH,
      height: HEIGHT,
      config: CONFIG,
      data: { values: rows },
      layer: [
        {
          mark: { type: 'area', opacity: 0.12 },
          encoding: {
            x: xEnc,
            y: { field: `${y}Min`, type: 'quantitative', title: yTitle, scale: { zero: false } },
            y2: { field: `${y}Max` },
            color,
            detail: { field: 'split', type: 'nominal' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 24, opacity: 1 },
          encoding: { x: xEnc, y: { field: y, type: 'quantitative' }, color },
        },
        {
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x: xEnc,
            y: { field: y, type: 'quantitative', title: yTitle, scale: { zero: false } },
            color,
            strokeDash: { field: 'split', type: 'nominal', title: 'split', sort: ['train', 'validation'], legend: { symbolStrokeColor: '#444' } },
            tooltip: [
              { field: 'configuration' },
              { field: 'split' },
              { field: 'epoch' },
              { field: y, format: '.4f' },
            ],
          },
        },
      ],
    } as TopLevelSpec,
  };
}

function finalAccuracyPlot(report: Report): Plot {
  const order = report.ranking.map((e) => e.label);
  const seeds = report.trials
    .filter(isOk)
    .map((t) => ({ configuration: t.label, seed: t.seed, accuracy: 100 * t.final.testAccuracy }));
  const stats = report.ranking
    .filter((e) => e.testAccuracy)
    .map((e) => ({
      configuration: e.label,
      mean: 100 * e.testAccuracy!.mean,
      ciLow: e.testAccuracy!.ciLow == null ? null : 100 * e.testAccuracy!.ciLow,
      ciHigh: e.testAccuracy!.ciHigh == null ? null : 100 * e.testAccuracy!.ciHigh,
    }));
  const y = { field: 'configuration', type: 'nominal' as const, sort: order, title: null };
  return {
    name: 'final-accuracy',
    title: 'Final test accuracy over seeds',
    caption: 'Final test accuracy of every seed (points), the mean over seeds (tick) and its 95% confidence interval (bar, Student t; drawn up to 100% at most).',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: 'Final test accuracy over seeds',
      width: WIDTH,
      height: { step: 28 },
      config: CONFIG,
      layer: [
        {
          data: { values: stats.filter((s) => s.ciLow !== null) },
          mark: { type: 'rule', strokeWidth: 3, color: '#9ecae1', clip: true },
          encoding: { y, x: { field: 'ciLow', type: 'quantitative', title: 'test accuracy %', scale: { zero: false, domainMax: 100 } }, x2: { field: 'ciHigh' } },
        },
        {
          data: { values: stats },
          mark: { type: 'tick', thickness: 2, color: '#08519c', size: 20 },
          encoding: { y, x: { field: 'mean', type: 'quantitative' } },
        },
        {
          data: { values: seeds },
          mark: { type: 'point', filled: true, size: 60, opacity: 0.75, color: '#e6550d' },
          encoding: {
            y,
            x: { field: 'accuracy', type: 'quantitative' },
            tooltip: [{ field: 'configuration' }, { field: 'seed' }, { field: 'accuracy', format: '.2f' }],
          },
        },
      ],
    } as TopLevelSpec,
  };
}

/** The confusion matrix of the first-ranked configuration that has one, summed over its ok seeds. */
export function bestConfusion(report: Report): { label: string; seeds: number; matrix: number[][] } | undefined {
  for (const e of report.ranking) {
    const mats = report.trials.filter(isOk).filter((t) => t.configId === e.configId && t.final.confusion?.length).map((t) => t.final.confusion);
    if (mats.length === 0) continue;
    const k = mats[0]!.length;
    const matrix = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => mats.reduce((s, m) => s + (m[i]?.[j] ?? 0), 0)));
    return { label: e.label, seeds: mats.length, matrix };
  }
  return undefined;
}

function confusionPlot(report: Report): Plot | undefined {
  const best = bestConfusion(report);
  if (!best) return undefined;
  const rows = best.matrix.flatMap((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count, j) => ({ true: String(i), predicted: String(j), count, rate: total ? count / total : 0 }));
  });
  const classes = best.matrix.map((_, i) => String(i));
  const title = `Confusion matrix: ${best.label}`;
  return {
    name: 'confusion-best',
    title,
    caption: `Test-set confusion matrix of the best configuration, ${best.label}, summed over its ${best.seeds} seed${best.seeds === 1 ? '' : 's'}: counts, coloured by the share of each true class.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title,
      width: 34 * classes.length,
      height: 34 * classes.length,
      config: CONFIG,
      data: { values: rows },
      encoding: {
        x: { field: 'predicted', type: 'ordinal', sort: classes, title: 'predicted class', axis: { labelAngle: 0 } },
        y: { field: 'true', type: 'ordinal', sort: classes, title: 'true class' },
      },
      layer: [
        {
          mark: 'rect',
          encoding: {
            color: { field: 'rate', type: 'quantitative', title: 'share', scale: { scheme: 'blues', domain: [0, 1] } },
            tooltip: [{ field: 'true' }, { field: 'predicted' }, { field: 'count' }, { field: 'rate', format: '.3f' }],
          },
        },
        {
          mark: { type: 'text', fontSize: 10 },
          encoding: {
            text: { field: 'count', type: 'quantitative' },
            color: { condition: { test: 'datum.rate > 0.5', value: 'white' }, value: '#222' },
          },
        },
      ],
    } as TopLevelSpec,
  };
}

function profilePlot(report: Report): Plot | undefined {
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
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
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

/** Every plot of the report, in the order the HTML page shows them. */
export function reportPlots(report: Report): Plot[] {
  const rows = curveRows(report);
  const plots: Array<Plot | undefined> = [];
  if (rows.length > 0) {
    plots.push(curvePlot(report, rows, 'loss', 'epoch'), curvePlot(report, rows, 'accuracy', 'epoch'));
    plots.push(curvePlot(report, rows, 'loss', 'seconds'), curvePlot(report, rows, 'accuracy', 'seconds'));
  }
  if (report.ranking.some((e) => e.testAccuracy)) plots.push(finalAccuracyPlot(report));
  plots.push(confusionPlot(report), profilePlot(report));
  return plots.filter((p): p is Plot => p !== undefined);
}

/**
 * Renders a Vega-Lite spec to a standalone SVG document. Element ids are prefixed with `idPrefix` so
 * that several SVGs inlined in one HTML page do not share clip-path or gradient ids.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix = ''): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return idPrefix ? prefixIds(svg, idPrefix) : svg;
  } finally {
    view.finalize();
  }
}

/** Prefixes every `id="x"` and its references (`url(#x)`, `href="#x"`) in an SVG string. */
export function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}${id}"`);
}

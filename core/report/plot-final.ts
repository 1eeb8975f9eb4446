/**
 * The plots of where training ended: final test accuracy over seeds (a strip plot with the mean and its
 * 95% CI) and the test-set confusion matrix of the best configuration, summed over its ok seeds (colour:
 * the share of each true class, text: counts).
 */
import type { TopLevelSpec } from 'vega-lite';
import { isOk } from '../train/record';
import type { Report } from './model';
import { CONFIG, type Plot, SCHEMA, WIDTH } from './plot-style';

/** Final test accuracy of every seed, the mean over seeds and its 95% confidence interval. */
export function finalAccuracyPlot(report: Report): Plot {
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
      $schema: SCHEMA,
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

/** The confusion matrix of the best configuration, or undefined when no trial recorded one. */
export function confusionPlot(report: Report): Plot | undefined {
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
      $schema: SCHEMA,
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

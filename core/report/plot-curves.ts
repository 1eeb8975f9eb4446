/**
 * The learning curves: loss and accuracy per configuration (train solid, validation dashed; mean over
 * the ok seeds with a min-max band) against epoch and against cumulative train seconds. The rows they
 * plot come from the trials' histories alone; nothing here renders.
 */
import type { TopLevelSpec } from 'vega-lite';
import { mean, min, max } from 'simple-statistics';
import type { TrialRecord } from '../train/record';
import type { Report } from './model';
import { CONFIG, HEIGHT, type Plot, SCHEMA, WIDTH } from './plot-style';

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

/** One curve plot: `y` (loss or accuracy) against `x` (epoch or cumulative seconds). */
export function curvePlot(report: Report, rows: Array<Record<string, string | number>>, y: 'loss' | 'accuracy', x: 'epoch' | 'seconds'): Plot {
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
      $schema: SCHEMA,
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

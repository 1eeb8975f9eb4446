/**
 * What `bench compare` can compare, and how a change in each is measured against its threshold.
 *
 * - accuracy (higher is better): change in percentage points, cur - base; harm = the drop.
 * - time (lower is better): relative change cur / base - 1; harm = the slowdown.
 * - rate (higher is better): the slowdown base / cur - 1 (the change in time per sample); harm = it.
 * - loss (lower is better): relative change cur / base - 1; harm = the increase.
 *
 * Time and rate are divided (rate: multiplied) by each file's calibration probe time when both files
 * carry an equal probe, so that they are in units of "machine speed".
 */
import { InputError } from '../util/errors';

export type MetricKind = 'accuracy' | 'time' | 'rate' | 'loss';

export interface MetricDef {
  name: string;
  /** For tables: "test accuracy". */
  title: string;
  kind: MetricKind;
  /** Display: value * scale with `digits` decimals, then `unit` (accuracy 0.9612 -> 96.12%). */
  scale: number;
  digits: number;
  unit: string;
}

/** Metrics of results files (final test metrics of each ok trial). */
export const RESULTS_METRICS = {
  testAccuracy: { name: 'testAccuracy', title: 'test accuracy', kind: 'accuracy', scale: 100, digits: 2, unit: '%' },
  testLoss: { name: 'testLoss', title: 'test loss', kind: 'loss', scale: 1, digits: 4, unit: '' },
  trainSeconds: { name: 'trainSeconds', title: 'train time', kind: 'time', scale: 1, digits: 2, unit: ' s' },
  samplesPerSecond: { name: 'samplesPerSecond', title: 'samples/s', kind: 'rate', scale: 1, digits: 0, unit: '' },
} as const satisfies Record<string, MetricDef>;

/** Metrics of micro results files (every timed step of each completed benchmark). */
export const MICRO_METRICS = {
  meanMs: { name: 'meanMs', title: 'step time', kind: 'time', scale: 1, digits: 4, unit: ' ms' },
} as const satisfies Record<string, MetricDef>;

/** `mean ± sd unit`, the sd left out for a single value. */
export function formatValue(def: MetricDef, mean: number, sd?: number): string {
  const f = (v: number) => (v * def.scale).toFixed(def.digits);
  return sd === undefined ? `${f(mean)}${def.unit}` : `${f(mean)} ± ${f(sd)}${def.unit}`;
}

export type ResultsMetric = keyof typeof RESULTS_METRICS;
export type MicroMetric = keyof typeof MICRO_METRICS;
export type MetricName = ResultsMetric | MicroMetric;

/** Every metric name `--metric` accepts. */
export const METRIC_NAMES = [...Object.keys(RESULTS_METRICS), ...Object.keys(MICRO_METRICS)] as MetricName[];

/** Metrics compared when `--metric` is not given. */
export const DEFAULT_RESULTS_METRICS: ResultsMetric[] = ['testAccuracy', 'trainSeconds'];
export const DEFAULT_MICRO_METRICS: MicroMetric[] = ['meanMs'];

/** Thresholds, each the largest harm that still passes. */
export interface Thresholds {
  /** Largest slowdown of a time or rate metric, as a fraction (0.1 = 10%). */
  maxSlowdown: number;
  /** Largest accuracy drop, in percentage points. */
  maxAccuracyDrop: number;
  /** Largest relative loss increase, as a fraction. */
  maxLossIncrease: number;
}

/**
 * The change from `base` to `cur` (means) in the metric's own unit, and its harm in the threshold's
 * unit (positive = worse), with the threshold that applies.
 */
export function changeOf(kind: MetricKind, base: number, cur: number, t: Thresholds): { change: number; harm: number; threshold: number } {
  switch (kind) {
    case 'accuracy': {
      const change = (cur - base) * 100;
      return { change, harm: -change, threshold: t.maxAccuracyDrop };
    }
    case 'time': {
      const change = cur / base - 1;
      return { change, harm: change, threshold: t.maxSlowdown };
    }
    case 'rate': {
      const change = cur / base - 1;
      return { change, harm: base / cur - 1, threshold: t.maxSlowdown };
    }
    case 'loss': {
      const change = cur / base - 1;
      return { change, harm: change, threshold: t.maxLossIncrease };
    }
  }
}

/** Formats a change: points for accuracy, a signed percentage otherwise. */
export function formatChange(kind: MetricKind, change: number): string {
  const text = kind === 'accuracy' ? Math.abs(change).toFixed(2) : Math.abs(change * 100).toFixed(1);
  const sign = Number(text) === 0 ? '±' : change > 0 ? '+' : '-';
  return `${sign}${text}${kind === 'accuracy' ? ' pts' : '%'}`;
}

/**
 * Parses a percentage option: `10%` or `10` is ten percent (0.1). Names the option when it is not a
 * non-negative number.
 */
export function parsePercent(value: string | number, option: string): number {
  const text = String(value).trim();
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*%?$/.exec(text);
  if (!m) throw new InputError(`${option}: expected a percentage such as 10% (got ${JSON.stringify(text)})`);
  return Number(m[1]) / 100;
}

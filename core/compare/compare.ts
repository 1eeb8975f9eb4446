/**
 * The regression gate: compares a current results file with a baseline, configuration by
 * configuration (matched by configId; micro benchmarks by name), metric by metric.
 *
 * A change is a regression when it is beyond its threshold in the harmful direction AND significant
 * over the seeds (Welch's t-test, two-sided, p < alpha). With a single value on either side there is
 * no spread to test against: the threshold alone decides, and the comparison says so. A
 * configuration whose trials all succeeded in the baseline but not in the current file (diverged,
 * failed) is a regression too. With `nonInferiority` (D points), an accuracy passes only when the
 * seeds show it is not worse than the baseline's by D or more (core/compare/non-inferiority.ts).
 *
 * Times are divided by each file's calibration probe time (core/env/calibration.ts) when both files
 * carry the same probe, so a runner that is uniformly slower does not trip the gate; otherwise they
 * are compared raw, and the notes say which.
 */
import { InputError } from '../util/errors';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { welchTTest } from '../analysis/stats';
import { type Comparable, type Entry, identityDifferences } from './load';
import { nonInferiority, type NonInferiorityVerdict } from './non-inferiority';
import type { TestName } from '../analysis/seed-tests';
import {
  changeOf,
  DEFAULT_MICRO_METRICS,
  DEFAULT_RESULTS_METRICS,
  type MetricDef,
  type MetricName,
  MICRO_METRICS,
  RESULTS_METRICS,
  type Thresholds,
} from './metrics';

export interface CompareOptions extends Thresholds {
  /** Metrics to compare; the defaults of the files' kind when absent. */
  metrics?: MetricName[];
  /** Significance level of the t-test (default 0.05). */
  alpha?: number;
  /** Compare files from different backends or CPU models (times then rest on the calibration). */
  allowEnvMismatch?: boolean;
  /** Do not divide times by the calibration probe, even when both files have one. */
  rawTimes?: boolean;
  /** Decide accuracies by non-inferiority within this many points instead of the drop threshold. */
  nonInferiority?: number;
}

export type Verdict = 'regression' | 'improved' | 'ok' | 'not significant' | 'only in baseline' | 'only in current' | 'no data' | NonInferiorityVerdict;

/** The verdicts that fail the gate. */
export const FAILING: readonly Verdict[] = ['regression', 'not shown non-inferior'];

/** One line of the comparison: one configuration and one metric (or its trial status). */
export interface ComparisonRow {
  id: string;
  label: string;
  /** A metric name, or `status` for the trials' outcome. */
  metric: MetricName | 'status';
  /** Values as the files store them (uncalibrated), mean and sd over the seeds. */
  baseline?: { mean: number; sd: number; n: number };
  current?: { mean: number; sd: number; n: number };
  /** Change in the metric's unit (points for accuracy, a fraction otherwise), calibrated where the times are. */
  change?: number;
  /** The same change on raw times, when the comparison is calibrated and the metric is a time or rate. */
  rawChange?: number;
  /** Harm in the threshold's unit (positive = worse) and the threshold it was held against. */
  harm?: number;
  threshold?: number;
  /**
   * Welch's t-test of current against baseline over the seeds (t > 0: current higher), two-sided;
   * absent when either side has one value (threshold only). With non-inferiority, an accuracy's
   * one-sided test of H0: worse by `margin` points or more (paired where the ok seeds match).
   */
  test?: { name: TestName; t: number; df: number; p: number; margin?: number };
  thresholdOnly?: boolean;
  verdict: Verdict;
  /** Why, in a few words, where the numbers alone do not say. */
  detail?: string;
}

export interface Comparison {
  kind: 'results' | 'micro';
  baseline: { file: string; name: string; createdAt: string; gitCommit: string | null };
  current: { file: string; name: string; createdAt: string; gitCommit: string | null };
  metrics: MetricName[];
  thresholds: Thresholds & { alpha: number; nonInferiority?: number };
  /** Whether times were divided by the calibration probe. */
  calibrated: boolean;
  /** current probe time / baseline probe time (>1: the current machine is slower), when calibrated. */
  machineRatio?: number;
  rows: ComparisonRow[];
  /** Rows that fail the gate: regressions, and accuracies not shown non-inferior. */
  regressions: number;
  /** Things the reader must know: calibration, single seeds, environment differences, unmatched configurations. */
  notes: string[];
}

const summary = (v: number[]) => ({ mean: mean(v), sd: v.length > 1 ? sampleStandardDeviation(v) : 0, n: v.length });

/** Throws InputError (exit 2) when the files cannot be compared; returns notes about lesser differences. */
function checkComparable(base: Comparable, cur: Comparable, allowEnvMismatch: boolean): string[] {
  if (base.kind !== cur.kind) {
    throw new InputError(`cannot compare ${base.file} (${base.kind === 'micro' ? 'micro results' : 'results'}) with ${cur.file} (${cur.kind === 'micro' ? 'micro results' : 'results'})`);
  }
  if (base.name !== cur.name) throw new InputError(`cannot compare different suites: ${base.file} ran "${base.name}", ${cur.file} ran "${cur.name}"`);
  const diff = identityDifferences(base.identity, cur.identity);
  if (diff.length > 0) {
    const what = base.kind === 'micro' ? 'micro workloads' : `definitions of suite "${base.name}"`;
    const names = diff.map((k) => (k === 'data' && base.kind === 'results' ? 'the datasets (id or checksum)' : `"${k}"`));
    throw new InputError(`cannot compare different ${what}: ${names.join(', ')} differ between ${base.file} and ${cur.file}`);
  }
  const be = base.environment;
  const ce = cur.environment;
  const mismatches: string[] = [];
  if (be.backend.name !== ce.backend.name) mismatches.push(`backend ${be.backend.name} vs ${ce.backend.name}`);
  if (be.cpu !== ce.cpu) mismatches.push(`CPU "${be.cpu}" vs "${ce.cpu}"`);
  const notes: string[] = [];
  if (mismatches.length > 0) {
    if (!allowEnvMismatch) {
      throw new InputError(
        `cannot compare runs from different environments (${mismatches.join('; ')}); pass --allow-env-mismatch to compare them anyway, times relative to each machine's calibration`,
      );
    }
    notes.push(`Environments differ (${mismatches.join('; ')}); compared anyway (--allow-env-mismatch).`);
  }
  const minor: string[] = [];
  if (be.node !== ce.node) minor.push(`node ${be.node} vs ${ce.node}`);
  if (be.tfjs !== ce.tfjs) minor.push(`tfjs ${be.tfjs} vs ${ce.tfjs}`);
  if (be.cores !== ce.cores) minor.push(`${be.cores} vs ${ce.cores} cores`);
  if ((be.backend.threads ?? null) !== (ce.backend.threads ?? null)) minor.push(`${be.backend.threads ?? 'default'} vs ${ce.backend.threads ?? 'default'} threads`);
  if (minor.length > 0) notes.push(`Also different: ${minor.join('; ')}.`);
  if (!base.complete) notes.push(`The baseline ${base.file} is incomplete (an interrupted run).`);
  if (!cur.complete) notes.push(`The current ${cur.file} is incomplete (an interrupted run).`);
  return notes;
}

/** The probe times to divide by, or why there are none. */
function calibrationOf(base: Comparable, cur: Comparable, raw: boolean): { baseMs: number; curMs: number } | { reason: string } {
  if (raw) return { reason: 'Times are compared raw (--raw-times).' };
  const bc = base.environment.calibration;
  const cc = cur.environment.calibration;
  const missing = [!bc ? 'the baseline' : '', !cc ? 'the current file' : ''].filter(Boolean);
  if (missing.length > 0) {
    return { reason: `Times are compared raw: ${missing.join(' and ')} ${missing.length > 1 ? 'have' : 'has'} no machine-speed calibration, so a slower machine reads as slower code.` };
  }
  if (bc!.probe !== cc!.probe) return { reason: `Times are compared raw: the calibration probes differ ("${bc!.probe}" vs "${cc!.probe}").` };
  return { baseMs: bc!.medianMs, curMs: cc!.medianMs };
}

function metricDef(kind: Comparable['kind'], name: MetricName): MetricDef {
  const table: Record<string, MetricDef> = kind === 'micro' ? MICRO_METRICS : RESULTS_METRICS;
  const def = table[name];
  if (!def) {
    throw new InputError(`--metric ${name}: ${kind === 'micro' ? 'micro results' : 'results'} files have ${Object.keys(table).join(', ')}`);
  }
  return def;
}

/** Compares two loaded files. Throws InputError when they cannot be compared. */
export function compareFiles(base: Comparable, cur: Comparable, opts: CompareOptions): Comparison {
  const alpha = opts.alpha ?? 0.05;
  const notes = checkComparable(base, cur, Boolean(opts.allowEnvMismatch));
  const metrics = opts.metrics && opts.metrics.length > 0 ? [...new Set(opts.metrics)] : base.kind === 'micro' ? DEFAULT_MICRO_METRICS : DEFAULT_RESULTS_METRICS;
  const defs = metrics.map((m) => metricDef(base.kind, m));

  const cal = calibrationOf(base, cur, Boolean(opts.rawTimes));
  const calibrated = 'baseMs' in cal;
  const usesTime = defs.some((d) => d.kind === 'time' || d.kind === 'rate');
  let machineRatio: number | undefined;
  if (calibrated) {
    machineRatio = cal.curMs / cal.baseMs;
    const speed = machineRatio >= 1 ? `${((machineRatio - 1) * 100).toFixed(1)}% slower` : `${((1 / machineRatio - 1) * 100).toFixed(1)}% faster`;
    if (usesTime) {
      notes.unshift(
        `Times are relative to each machine's speed: divided by its calibration probe (baseline ${cal.baseMs.toFixed(3)} ms, current ${cal.curMs.toFixed(3)} ms: the current machine is ${speed} on the probe), so a uniformly slower runner does not trip the gate. Baseline and current columns show raw values.`,
      );
    }
  } else if (usesTime) {
    notes.unshift(cal.reason);
  }
  /** Puts a time or rate value in machine-speed units. */
  const scale = (kind: MetricDef['kind'], side: 'base' | 'cur') => {
    if (!calibrated || (kind !== 'time' && kind !== 'rate')) return 1;
    const ms = side === 'base' ? cal.baseMs : cal.curMs;
    return kind === 'time' ? 1 / ms : ms;
  };

  const rows: ComparisonRow[] = [];
  let thresholdOnly = 0;
  const ids = [...new Set([...base.entries.keys(), ...cur.entries.keys()])];
  const labelOf = (id: string) => (cur.entries.get(id) ?? base.entries.get(id))!.label;
  ids.sort((a, b) => labelOf(a).localeCompare(labelOf(b)) || a.localeCompare(b));
  const onlyBase: string[] = [];
  const onlyCur: string[] = [];
  for (const id of ids) {
    const b = base.entries.get(id);
    const c = cur.entries.get(id);
    if (!b || !c) {
      const e = (b ?? c)!;
      (b ? onlyBase : onlyCur).push(e.label);
      rows.push({ id, label: e.label, metric: 'status', verdict: b ? 'only in baseline' : 'only in current' });
      continue;
    }
    const status = statusRow(b, c);
    if (status) rows.push(status);
    for (const def of defs) {
      const name = def.name as MetricName;
      const bv = b.values[name] ?? [];
      const cv = c.values[name] ?? [];
      const row: ComparisonRow = { id, label: c.label, metric: name, verdict: 'no data' };
      rows.push(row);
      if (bv.length === 0 || cv.length === 0) {
        row.detail = `no successful ${bv.length === 0 ? 'baseline' : 'current'} value`;
        if (bv.length > 0) row.baseline = summary(bv);
        if (cv.length > 0) row.current = summary(cv);
        continue;
      }
      row.baseline = summary(bv);
      row.current = summary(cv);
      const sb = scale(def.kind, 'base');
      const sc = scale(def.kind, 'cur');
      const bs = bv.map((v) => v * sb);
      const cs = cv.map((v) => v * sc);
      const { change, harm, threshold } = changeOf(def.kind, mean(bs), mean(cs), opts);
      Object.assign(row, { change, harm, threshold });
      if (calibrated && (def.kind === 'time' || def.kind === 'rate')) row.rawChange = changeOf(def.kind, row.baseline.mean, row.current.mean, opts).change;
      if (def.kind === 'accuracy' && opts.nonInferiority !== undefined) {
        Object.assign(row, nonInferiority(b, c, name, opts.nonInferiority, alpha));
        continue;
      }
      // t > 0 when the current mean is the higher; undefined with a single value on either side.
      const w = welchTTest(cs, bs);
      if (w) row.test = { name: 'welch', t: w.t, df: w.df, p: w.p };
      else {
        row.thresholdOnly = true;
        thresholdOnly++;
      }
      const significant = w ? w.p < alpha : true;
      const beyondHarm = harm > threshold;
      const beyondGood = -harm > threshold;
      if (beyondHarm) row.verdict = significant ? 'regression' : 'not significant';
      else if (beyondGood) row.verdict = significant ? 'improved' : 'ok';
      else row.verdict = 'ok';
    }
  }
  if (thresholdOnly > 0) {
    notes.push(
      `${thresholdOnly} comparison${thresholdOnly > 1 ? 's have' : ' has'} a single seed on one side: significance cannot be tested, the threshold alone decides (marked "threshold only").`,
    );
  }
  if (onlyBase.length > 0) notes.push(`Only in the baseline (not compared): ${onlyBase.join(', ')}.`);
  if (onlyCur.length > 0) notes.push(`Only in the current file (not compared): ${onlyCur.join(', ')}.`);
  const matched = ids.length - onlyBase.length - onlyCur.length;
  if (matched === 0) throw new InputError(`nothing to compare: no configuration of ${cur.file} is in ${base.file}`);

  const regressions = rows.filter((r) => FAILING.includes(r.verdict)).length;
  const who = (c: Comparable) => ({ file: c.file, name: c.name, createdAt: c.createdAt, gitCommit: c.environment.gitCommit });
  return {
    kind: base.kind,
    baseline: who(base),
    current: who(cur),
    metrics,
    thresholds: {
      maxSlowdown: opts.maxSlowdown,
      maxAccuracyDrop: opts.maxAccuracyDrop,
      maxLossIncrease: opts.maxLossIncrease,
      alpha,
      ...(opts.nonInferiority !== undefined ? { nonInferiority: opts.nonInferiority } : {}),
    },
    calibrated: calibrated && usesTime,
    ...(calibrated && usesTime ? { machineRatio } : {}),
    rows,
    regressions,
    notes,
  };
}

/**
 * A row for the trials' outcome when it changed: every baseline trial succeeded and some current
 * one did not (a regression), or the reverse (an improvement).
 */
function statusRow(b: Entry, c: Entry): ComparisonRow | undefined {
  const bAll = b.ok === b.total;
  const cAll = c.ok === c.total;
  if (bAll === cAll) return undefined;
  const detail = `${b.ok}/${b.total} ok -> ${c.ok}/${c.total} ok${c.problems.length > 0 ? ` (${c.problems.join(', ')})` : ''}`;
  return { id: c.id, label: c.label, metric: 'status', verdict: bAll ? 'regression' : 'improved', detail };
}

/** The exit code of a comparison: 1 when any row is a regression, else 0. */
export function exitCodeOf(c: Comparison): 0 | 1 {
  return c.regressions > 0 ? 1 : 0;
}

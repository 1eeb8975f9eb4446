/**
 * The project's CI gate (scripts/ci-gate.js, thresholds in .ci/gate.json) trips on a real regression
 * and not on noise: the committed baseline is compared, with the gate's own arguments, with copies of
 * itself whose every trial is 2 accuracy points lower, or 1.5x slower, or slower by the noise measured
 * between re-runs of the gate suite (each trial shifted alike, so the seeds keep their real spread).
 */
import * as path from 'node:path';
import type { ComparisonRow } from '../core/compare';
import type { RunDocument } from '../core/results/run-info';
import { readResults, resultsProblems, type ResultsDocument } from '../core/results/document';
import { loadSuite } from '../core/suite/load';
import { cli, tempWriter } from './helpers';

/** .ci/gate.json. */
interface Gate {
  suite: string;
  baseline: string;
  backend: string;
  workers: number;
  maxAccuracyDrop: number;
  maxSlowdown: string;
  allowEnvMismatch: boolean;
  minCpuShare: number;
  measuredSlowdownNoise: number;
}

/** What scripts/ci-gate.js exports (a plain CommonJS script: CI runs it before anything is compiled). */
interface GateScript {
  loadGate(): Gate;
  compareArgs(gate: Gate, baseline: string, current: string, cpuShare?: number): string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadGate, compareArgs } = require('../scripts/ci-gate.js') as GateScript;

const ROOT = path.resolve(__dirname, '..');
const gate = loadGate();
const baselineFile = path.join(ROOT, gate.baseline);
const baseline = readResults(baselineFile);
const { write } = tempWriter('bench-ci-gate-');
let n = 0;

/** The baseline with every ok trial's final metrics (and epoch times) changed by `f`; checked valid. */
function derived(f: { acc?: (v: number) => number; time?: number }): string {
  const doc = structuredClone(baseline) as ResultsDocument;
  for (const t of doc.trials) {
    if (t.status !== 'ok') continue;
    if (f.acc) t.final.testAccuracy = f.acc(t.final.testAccuracy);
    if (f.time) {
      t.final.trainSeconds *= f.time;
      t.final.samplesPerSecond /= f.time;
      for (const e of t.history) e.trainSeconds *= f.time;
    }
  }
  expect(resultsProblems(doc)).toEqual([]);
  return write(`current-${n++}.json`, doc);
}

/** `bench compare` exactly as the gate runs it, plus --format json to read the rows. */
async function gateCompare(current: string, cpuShare?: number): Promise<{ code: number; rows: ComparisonRow[] }> {
  const r = await cli(...compareArgs(gate, baselineFile, current, cpuShare), '--format', 'json');
  return { code: r.code, rows: (JSON.parse(r.out) as { rows: ComparisonRow[] }).rows };
}

const verdicts = (rows: ComparisonRow[], metric: string) => rows.filter((r) => r.metric === metric).map((r) => [r.label, r.verdict]);
const labels = [...new Set(baseline.trials.map((t) => t.label))].sort();

describe('the CI gate', () => {
  it('the baseline is a complete run of the gate suite as defined now, on the gate backend and worker count', () => {
    const suite = loadSuite(path.join(ROOT, gate.suite));
    const { description: _a, ...spec } = suite.spec;
    const { description: _b, ...ran } = baseline.suite.spec;
    expect(ran).toEqual(spec);
    expect(baseline.complete).toBe(true);
    expect(baseline.trials.map((t) => t.status)).toEqual(suite.trials.map(() => 'ok'));
    expect(baseline.environment.backend.name).toBe(gate.backend);
    expect((baseline as RunDocument).run.workers).toBe(gate.workers);
  });

  it('the baseline against itself: exit 0', async () => {
    const r = await gateCompare(baselineFile);
    expect(r.code).toBe(0);
    expect(r.rows.every((x) => x.verdict === 'ok')).toBe(true);
  });

  it('every trial 2 accuracy points lower: exit 1, the accuracy of every configuration flagged, significant over the seeds', async () => {
    const r = await gateCompare(derived({ acc: (v) => v - 0.02 }));
    expect(r.code).toBe(1);
    expect(verdicts(r.rows, 'testAccuracy')).toEqual(labels.map((l) => [l, 'regression']));
    for (const x of r.rows.filter((x) => x.metric === 'testAccuracy')) {
      expect(x.change).toBeCloseTo(-2, 10);
      expect(x.test!.p).toBeLessThan(0.05);
    }
    expect(verdicts(r.rows, 'trainSeconds')).toEqual(labels.map((l) => [l, 'ok']));
  });

  it('every trial 1.5x slower on a machine of the same speed: exit 1, the train time of every configuration flagged', async () => {
    const r = await gateCompare(derived({ time: 1.5 }));
    expect(r.code).toBe(1);
    expect(verdicts(r.rows, 'trainSeconds')).toEqual(labels.map((l) => [l, 'regression']));
    for (const x of r.rows.filter((x) => x.metric === 'trainSeconds')) expect(x.change).toBeCloseTo(0.5, 10);
    expect(verdicts(r.rows, 'testAccuracy')).toEqual(labels.map((l) => [l, 'ok']));
  });

  it('every trial slower by the largest calibrated change measured between re-runs of the gate suite: exit 0', async () => {
    expect(gate.measuredSlowdownNoise).toBeGreaterThan(0);
    const r = await gateCompare(derived({ time: 1 + gate.measuredSlowdownNoise }));
    expect(r.code).toBe(0);
    expect(r.rows.filter((x) => x.verdict === 'regression')).toEqual([]);
  });

  it('a run that got less of a core than minCpuShare (a busy machine): its times are not gated, its accuracy is', async () => {
    const busy = gate.minCpuShare - 0.01;
    const slow = await gateCompare(derived({ time: 1.5 }), busy);
    expect([slow.code, slow.rows.map((x) => x.metric)]).toEqual([0, labels.map(() => 'testAccuracy')]);
    const worse = await gateCompare(derived({ acc: (v) => v - 0.02 }), busy);
    expect([worse.code, verdicts(worse.rows, 'testAccuracy')]).toEqual([1, labels.map((l) => [l, 'regression'])]);
    expect((await gateCompare(derived({ time: 1.5 }), gate.minCpuShare)).code).toBe(1);
  });
});

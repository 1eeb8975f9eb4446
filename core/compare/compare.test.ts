/**
 * `bench compare`, the regression gate, end to end on fabricated results: its exit codes (0 ok, 1 regression,
 * 2 bad input), Welch p per configuration, calibrated times, thresholds, single seeds and the output formats.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { calibrationOf, DEFAULT_CONFIGS, fabricateResults, type FabricateOptions, mapConfigs } from '../../test/fabricate';
import { memoryIO } from '../cli/io';
import { main } from '../cli/main';
import { resultsProblems, type ResultsDocument } from '../results/document';
import { compareFiles } from './compare';
import { loadComparable } from './load';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-compare-'));
let n = 0;

/** Writes a document (checked valid first, unless it is a string meant to be broken) and returns its path. */
function write(doc: ResultsDocument | string): string {
  if (typeof doc !== 'string') expect(resultsProblems(doc)).toEqual([]);
  const f = path.join(tmp, `r${n++}.json`);
  fs.writeFileSync(f, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return f;
}

const results = (o: FabricateOptions = {}) => write(fabricateResults(o));

async function cli(...argv: string[]) {
  const io = memoryIO();
  const code = await main(['compare', ...argv], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const defaults = { maxSlowdown: 0.1, maxAccuracyDrop: 0.5, maxLossIncrease: 0.1 };

describe('bench compare: exit codes of the gate', () => {
  const base = results();

  it('identical files: 0, every row ok', async () => {
    const r = await cli(base, base);
    expect(r.code).toBe(0);
    expect(r.out).toContain('result: no regression');
    const c = compareFiles(loadComparable(base), loadComparable(base), defaults);
    expect(c.rows.map((x) => [x.label, x.metric, x.verdict])).toEqual([
      ['adam', 'testAccuracy', 'ok'],
      ['adam', 'trainSeconds', 'ok'],
      ['sgd', 'testAccuracy', 'ok'],
      ['sgd', 'trainSeconds', 'ok'],
    ]);
    for (const x of c.rows) {
      expect(x.change).toBe(0);
      expect(x.test!.t).toBe(0);
      expect(x.test!.p).toBeCloseTo(1, 12);
    }
  });

  it('accuracy 5 points lower everywhere: 1, with the drop in points and Welch p for each configuration', async () => {
    const cur = results({ configs: mapConfigs(DEFAULT_CONFIGS, { acc: (v) => v - 0.05 }) });
    const r = await cli(base, cur);
    expect(r.code).toBe(1);
    expect(r.out).toContain('result: 2 regressions');
    const c = compareFiles(loadComparable(base), loadComparable(cur), defaults);
    const acc = c.rows.filter((x) => x.metric === 'testAccuracy');
    expect(acc.map((x) => x.verdict)).toEqual(['regression', 'regression']);
    for (const x of acc) {
      expect(x.change).toBeCloseTo(-5, 10);
      // Same spread on both sides, shift 0.05: t = -0.05 / (sd * sqrt(2/3)), df = 4.
      const sd = x.baseline!.sd;
      expect(x.test!.t).toBeCloseTo(-0.05 / (sd * Math.sqrt(2 / 3)), 6);
      expect(x.test!.df).toBeCloseTo(4, 10);
      expect(x.test!.p).toBeLessThan(0.001);
    }
    expect(c.rows.filter((x) => x.metric === 'trainSeconds').every((x) => x.verdict === 'ok')).toBe(true);
  });

  it('1.5x slower everywhere (same machine speed): 1', async () => {
    const cur = results({ configs: mapConfigs(DEFAULT_CONFIGS, { secs: (v) => v * 1.5 }) });
    const r = await cli(base, cur);
    expect(r.code).toBe(1);
    const c = compareFiles(loadComparable(base), loadComparable(cur), defaults);
    const time = c.rows.filter((x) => x.metric === 'trainSeconds');
    expect(time.map((x) => x.verdict)).toEqual(['regression', 'regression']);
    for (const x of time) expect(x.change).toBeCloseTo(0.5, 10);
    expect(r.out).toContain('+50.0% (raw +50.0%)');
  });

  it('a uniformly 20% slower machine, same relative times (calibration 20% slower too): 0, and says why', async () => {
    const cur = results({ configs: mapConfigs(DEFAULT_CONFIGS, { secs: (v) => v * 1.2 }), probeMs: 3.6 });
    const r = await cli(base, cur);
    expect(r.code).toBe(0);
    expect(r.out).toContain('the current machine is 20.0% slower on the probe');
    expect(r.out).toContain('a uniformly slower runner does not trip the gate');
    expect(r.out).toContain('±0.0% (raw +20.0%)');
    const c = compareFiles(loadComparable(base), loadComparable(cur), defaults);
    expect(c.calibrated).toBe(true);
    expect(c.machineRatio).toBeCloseTo(1.2, 12);
    for (const x of c.rows.filter((y) => y.metric === 'trainSeconds')) {
      expect(x.change).toBeCloseTo(0, 12);
      expect(x.rawChange).toBeCloseTo(0.2, 12);
    }
    // Throughput is calibrated the same way.
    expect((await cli(base, cur, '--metric', 'samplesPerSecond')).code).toBe(0);
  });

  it('the same slower machine without calibration in one file: times raw, 1, and says so', async () => {
    const cur = results({ configs: mapConfigs(DEFAULT_CONFIGS, { secs: (v) => v * 1.2 }), probeMs: null });
    const r = await cli(base, cur);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Times are compared raw: the current file has no machine-speed calibration');
    // --raw-times ignores calibration even where both files have it.
    const both = results({ configs: mapConfigs(DEFAULT_CONFIGS, { secs: (v) => v * 1.2 }), probeMs: 3.6 });
    const raw = await cli(base, both, '--raw-times');
    expect(raw.code).toBe(1);
    expect(raw.out).toContain('Times are compared raw (--raw-times).');
  });

  it('noise within thresholds: 0', async () => {
    // Each seed moves by at most 0.3 points and 6%: different numbers, no regression.
    const jitterAcc = [0.003, -0.002, 0.001];
    const jitterSecs = [1.06, 0.97, 1.03];
    const cur = results({ configs: mapConfigs(DEFAULT_CONFIGS, { acc: (v, i) => v + jitterAcc[i]!, secs: (v, i) => v * jitterSecs[i]! }) });
    const r = await cli(base, cur);
    expect(r.code).toBe(0);
    const c = compareFiles(loadComparable(base), loadComparable(cur), defaults);
    expect(c.rows.every((x) => x.verdict === 'ok')).toBe(true);
    expect(c.rows.every((x) => x.change !== 0)).toBe(true);
  });

  it('a change beyond the threshold that the seeds cannot tell from noise: not significant, 0', async () => {
    // sgd's accuracy: mean drop 1 point, but the seeds spread over 6 points.
    const configs = [{ optimizer: 'sgd', accuracy: [0.99, 0.93, 0.96], trainSeconds: [8, 8, 8] }];
    const b = results({ configs });
    const cur = results({ configs: mapConfigs(configs, { acc: (v) => v - 0.01 }) });
    const c = compareFiles(loadComparable(b), loadComparable(cur), defaults);
    const acc = c.rows.find((x) => x.metric === 'testAccuracy')!;
    expect(acc.verdict).toBe('not significant');
    // sd 0.03 on both sides: t = -0.01 / sqrt(2 * 0.03^2 / 3) = -1/sqrt(6), df = 4;
    // scipy.stats.ttest_ind([.98, .92, .95], [.99, .93, .96], equal_var=False).pvalue = 0.7039999999999965
    expect(acc.test!.t).toBeCloseTo(-1 / Math.sqrt(6), 10);
    expect(acc.test!.df).toBeCloseTo(4, 10);
    expect(Math.abs(acc.test!.p - 0.7039999999999965)).toBeLessThan(1e-6);
    expect((await cli(b, cur)).code).toBe(0);
  });

  it('thresholds are options: a 0.3-point drop passes at 0.5 and fails at 0.2', async () => {
    const configs = [{ optimizer: 'sgd', accuracy: [0.961, 0.962, 0.963], trainSeconds: [8, 8.1, 8.2] }];
    const b = results({ configs });
    const cur = results({ configs: mapConfigs(configs, { acc: (v) => v - 0.003 }) });
    expect((await cli(b, cur)).code).toBe(0);
    expect((await cli(b, cur, '--max-accuracy-drop', '0.2')).code).toBe(1);
    const slow = results({ configs: mapConfigs(configs, { secs: (v) => v * 1.3 }) });
    expect((await cli(b, slow)).code).toBe(1);
    expect((await cli(b, slow, '--max-slowdown', '35%')).code).toBe(0);
    expect((await cli(b, slow, '--max-slowdown', '35')).code).toBe(0);
    const bad = await cli(b, slow, '--max-slowdown', 'fast');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('bench: --max-slowdown: expected a percentage such as 10% (got "fast")');
  });

  it('different suite: 2, with the reason and no stack trace', async () => {
    const other = results({ suite: 'other' });
    const r = await cli(base, other);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`bench: cannot compare different suites: ${base} ran "gate", ${other} ran "other"`);
    const moreSeeds = results({ seeds: [1, 2, 3, 4] });
    const s = await cli(base, moreSeeds);
    expect(s.code).toBe(2);
    expect(s.err).toBe(`bench: cannot compare different definitions of suite "gate": "seeds" differ between ${base} and ${moreSeeds}`);
  });

  it('different data behind the same dataset name: 2', async () => {
    const full = fabricateResults();
    const subset = fabricateResults();
    full.datasets = [{ name: 'mnist', id: 'mnist', source: 'x', checksum: 'a'.repeat(64), files: [] }];
    subset.datasets = [{ name: 'mnist', id: 'mnist-subset-6309', source: 'x', checksum: 'b'.repeat(64), files: [] }];
    const [f, s] = [write(full), write(subset)];
    const r = await cli(f, s);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`bench: cannot compare different definitions of suite "gate": the datasets (id or checksum) differ between ${f} and ${s}`);
  });

  it('different backend or CPU: 2 unless --allow-env-mismatch', async () => {
    const cpu = results({ cpu: 'Other CPU' });
    const r = await cli(base, cpu);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot compare runs from different environments (CPU "Test CPU @ 3.0GHz" vs "Other CPU"); pass --allow-env-mismatch');
    const ok = await cli(base, cpu, '--allow-env-mismatch');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('note: Environments differ (CPU "Test CPU @ 3.0GHz" vs "Other CPU"); compared anyway (--allow-env-mismatch).');
    const be = fabricateResults({ backend: 'tensorflow' });
    be.environment.calibration = calibrationOf(3, 'tensorflow');
    expect((await cli(base, write(be))).err).toContain('backend wasm vs tensorflow');
  });

  it('malformed files: 2 with the file and the reason', async () => {
    const notJson = write('{"schemaVersion": 1,');
    const a = await cli(base, notJson);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(new RegExp(`^bench: ${notJson}: not valid JSON at line 1`));
    const doc = fabricateResults() as unknown as { trials: Array<{ final: { testAccuracy: unknown } }> };
    doc.trials[0]!.final.testAccuracy = 'high';
    const wrong = write(JSON.stringify(doc));
    const b = await cli(wrong, base);
    expect(b.code).toBe(2);
    expect(b.err).toBe(`bench: ${wrong}: not a valid results file\n  $.trials[0].final.testAccuracy: must be number`);
    const missing = await cli(base, path.join(tmp, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`bench: ${path.join(tmp, 'nope.json')}: no such file`);
    expect(a.err + b.err + missing.err).not.toMatch(/\n\s+at /);
  });

  it('a single seed: the threshold alone decides, and the output says so', async () => {
    const one = [{ optimizer: 'sgd', accuracy: [0.96], trainSeconds: [8] }];
    const b = results({ seeds: [1], configs: one });
    const same = results({ seeds: [1], configs: mapConfigs(one, { acc: (v) => v - 0.004, secs: (v) => v * 1.05 }) });
    const r = await cli(b, same);
    expect(r.code).toBe(0);
    expect(r.out).toContain('threshold only');
    expect(r.out).toContain('note: 2 comparisons have a single seed on one side: significance cannot be tested, the threshold alone decides');
    const worse = results({ seeds: [1], configs: mapConfigs(one, { acc: (v) => v - 0.006 }) });
    const w = await cli(b, worse);
    expect(w.code).toBe(1);
    const c = compareFiles(loadComparable(b), loadComparable(worse), defaults);
    const acc = c.rows.find((x) => x.metric === 'testAccuracy')!;
    expect(acc).toMatchObject({ verdict: 'regression', thresholdOnly: true });
    expect(acc.test).toBeUndefined();
    expect(acc.change).toBeCloseTo(-0.6, 10);
  });

  it('reports configurations found in one file only, without failing on them', async () => {
    // A baseline of an interrupted run: adam's trials are missing.
    const partial = fabricateResults();
    partial.trials = partial.trials.filter((t) => t.optimizer.name === 'sgd');
    partial.complete = false;
    partial.ranking = [];
    const p = write(partial);
    const r = await cli(p, base);
    expect(r.code).toBe(0);
    expect(r.out).toContain('note: Only in the current file (not compared): adam.');
    expect(r.out).toContain('only in current');
    expect(r.out).toContain('is incomplete (an interrupted run)');
  });

  it('a configuration whose trials now diverge is a regression', async () => {
    const cur = results({ configs: [DEFAULT_CONFIGS[0]!, { ...DEFAULT_CONFIGS[1]!, status: ['ok', 'diverged', 'diverged'] }] });
    const c = compareFiles(loadComparable(base), loadComparable(cur), defaults);
    const status = c.rows.find((x) => x.metric === 'status')!;
    expect(status).toMatchObject({ label: 'adam', verdict: 'regression', detail: '3/3 ok -> 1/3 ok (seed 2 diverged, seed 3 diverged)' });
    expect((await cli(base, cur)).code).toBe(1);
  });

  it('prints Markdown for a PR comment and JSON for scripts', async () => {
    const cur = results({ configs: mapConfigs(DEFAULT_CONFIGS, { acc: (v) => v - 0.05 }) });
    const m = await cli(base, cur, '--format', 'markdown');
    expect(m.code).toBe(1);
    const lines = m.out.split('\n');
    expect(lines[0]).toBe('### ❌ bench compare: 2 regressions');
    expect(lines).toContain('| configuration | metric | baseline | current | change | p | verdict |');
    expect(lines).toContain('| --- | --- | ---: | ---: | ---: | ---: | --- |');
    expect(m.out).toMatch(/\| sgd \| test accuracy \| 96\.11 ± 0\.23% \(n=3\) \| 91\.11 ± 0\.23% \(n=3\) \| -5\.00 pts \| <0\.001 \| ❌ \*\*regression\*\* \|/);
    const j = await cli(base, cur, '--format', 'json');
    const parsed = JSON.parse(j.out);
    expect(parsed).toMatchObject({ kind: 'results', regressions: 2, exitCode: 1, calibrated: true, metrics: ['testAccuracy', 'trainSeconds'] });
    expect((await cli(base, base, '--format', 'markdown')).out.split('\n')[0]).toBe('### ✅ bench compare: no regression');
  });
});

describe('bench compare --non-inferiority D: the accuracy gate passes only what the seeds show is within D points', () => {
  const base = results();
  const shift = (d: number[]) => mapConfigs(DEFAULT_CONFIGS, { acc: (v, i) => v + d[i]! });

  it('0.3 points lower on every seed, tightly: shown within 0.5 points (one-sided paired t-test), 0', async () => {
    const cur = results({ configs: shift([-0.0025, -0.0035, -0.003]) });
    const r = await cli(base, cur, '--non-inferiority', '0.5');
    expect(r.code).toBe(0);
    const c = compareFiles(loadComparable(base), loadComparable(cur), { ...defaults, nonInferiority: 0.5 });
    const acc = c.rows.filter((x) => x.metric === 'testAccuracy');
    expect(acc.map((x) => x.verdict)).toEqual(['non-inferior', 'non-inferior']);
    // scipy.stats.ttest_rel(cur + 0.005, base, alternative='greater'): t = 6.928203230275636, df 2, p = 0.010102051443364023
    for (const x of acc) {
      expect(x.test).toMatchObject({ name: 'paired-t', df: 2 });
      expect(x.test!.t).toBeCloseTo(6.928203230275636, 8);
      expect(x.test!.p).toBeCloseTo(0.010102051443364023, 8);
    }
    expect(r.out).toContain('accuracy: non-inferiority within 0.5 pts');
  });

  it('a noisy one-point drop passes the plain gate (not significant) and fails non-inferiority, 1', async () => {
    const cur = results({ configs: shift([-0.03, 0.01, -0.01]) });
    expect((await cli(base, cur)).code).toBe(0);
    const r = await cli(base, cur, '--non-inferiority', '0.5', '--format', 'json');
    expect(r.code).toBe(1);
    const c = JSON.parse(r.out);
    expect(c.thresholds.nonInferiority).toBe(0.5);
    const acc = c.rows.filter((x: { metric: string }) => x.metric === 'testAccuracy');
    expect(acc.map((x: { verdict: string }) => x.verdict)).toEqual(['not shown non-inferior', 'not shown non-inferior']);
    // scipy.stats.ttest_rel(cur + 0.005, base, alternative='greater'): t = -0.4330127018922193, p = 0.64638501094228
    expect(acc[1].test.p).toBeCloseTo(0.64638501094228, 8);
    expect(c.regressions).toBe(2);
  });

  it('with one seed nothing can be shown: 1, and the row says why', async () => {
    const one = results({ seeds: [1] });
    const r = await cli(one, one, '--non-inferiority', '0.5');
    expect(r.code).toBe(1);
    const c = compareFiles(loadComparable(one), loadComparable(one), { ...defaults, nonInferiority: 0.5 });
    expect(c.rows.find((x) => x.metric === 'testAccuracy')).toMatchObject({ verdict: 'not shown non-inferior', detail: 'a single seed on one side: non-inferiority cannot be shown' });
  });

  it("tests Welch's one-sided where the ok seeds differ", async () => {
    const configs = shift([-0.0025, -0.0035, -0.003]).map((c) => (c.optimizer === 'sgd' ? { ...c, status: ['ok', 'ok', 'diverged'] as Array<'ok' | 'diverged'> } : c));
    const cur = results({ configs });
    const c = compareFiles(loadComparable(base), loadComparable(cur), { ...defaults, nonInferiority: 0.5 });
    const sgd = c.rows.find((x) => x.label === 'sgd' && x.metric === 'testAccuracy')!;
    // scipy.stats.ttest_ind(cur[:2] + 0.005, base, equal_var=False, alternative='greater'): t = 0.4019190265522734, p = 0.3622382960104286
    expect(sgd.test).toMatchObject({ name: 'welch' });
    expect(sgd.test!.p).toBeCloseTo(0.3622382960104286, 8);
    expect(sgd.verdict).toBe('not shown non-inferior');
  });

  it('refuses a negative margin', async () => {
    const r = await cli(base, base, '--non-inferiority', '-1');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--non-inferiority: expected a number of percentage points >= 0 (got -1)');
  });
});

/**
 * Golden outputs of `bench report` for the hand-made results document test/fixtures/results-small.json
 * (4 configurations x 3 seeds: two tie at rank 1 by the paired t-test, their per-seed differences
 * 0.01, 0, 0.02 giving p = 0.225, one is worse by 7 points on every seed, one has a diverged and a
 * failed trial). The golden files were checked by hand; regenerate them with
 * `UPDATE_GOLDEN=1 npx jest core/report/golden` after a deliberate change, and review the diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readResults } from '../results/document';
import { epochsCsv, trialsCsv } from './csv';
import { latexReport } from './latex';
import { markdownReport } from './markdown';
import { buildReport } from './model';
import { tableReport } from './';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = 'test/fixtures/results-small.json';
const report = buildReport([{ file: FIXTURE, doc: readResults(path.join(ROOT, FIXTURE)) }]);

function golden(name: string, actual: string): void {
  const file = path.join(ROOT, 'test/fixtures/golden', name);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, actual);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

describe('golden report outputs', () => {
  it('Markdown', () => golden('fixture.md', markdownReport(report)));
  it('LaTeX (booktabs, mean ± sd, best in bold)', () => {
    const tex = latexReport(report);
    golden('fixture.tex', tex);
    for (const rule of ['\\toprule', '\\midrule', '\\bottomrule']) expect(tex).toContain(rule);
  });
  it('CSV per epoch', () => golden('fixture-epochs.csv', epochsCsv(report)));
  it('CSV per trial', () => golden('fixture-trials.csv', trialsCsv(report)));
  it('terminal table', () => golden('fixture-table.txt', tableReport(report)));
});

describe('the fixture ranking', () => {
  it('ties adam and sgd-momentum, puts sgd third and the configuration with failures last', () => {
    expect(report.ranking.map((e) => [e.label, e.rank])).toEqual([
      ['adam(lr=0.001)', 1],
      ['sgd-momentum', 1],
      ['sgd(lr=0.05)', 3],
      ['rmsprop(lr=0.01)', 4],
    ]);
    // adam's time-to-target (validation accuracy >= 0.9): 5 s (epoch 1), 12 s (epoch 2), 7 s (epoch 1).
    expect(report.ranking[0]!.timeToTarget).toMatchObject({ reached: 3, of: 3, seconds: { mean: 8, median: 7 }, epochs: { min: 1, max: 2 } });
    expect(report.ranking[0]!.timeToTarget!.seconds!.sd).toBeCloseTo(Math.sqrt(13), 12);
    // sgd: one seed ends at 0.89 and never reaches it.
    expect(report.ranking[2]!.timeToTarget).toMatchObject({ reached: 2, of: 3 });
  });
});

describe('a failed record from before the status union', () => {
  it('keeps the test metrics of a trial that leaked tensors out of the CSV: a failed trial has none to read', () => {
    const doc = readResults(path.join(ROOT, FIXTURE));
    const failed = doc.trials.findIndex((t) => t.status === 'failed');
    const old = { ...doc.trials[failed]!, final: { testAccuracy: 0.5, testLoss: 1.5, trainSeconds: 3, samplesPerSecond: 7, confusion: [] } };
    const trials = [...doc.trials.slice(0, failed), old, ...doc.trials.slice(failed + 1)];
    const row = trialsCsv(buildReport([{ file: FIXTURE, doc: { ...doc, trials } }]))
      .split('\n')
      .find((l) => l.startsWith(`${old.id},`))!
      .split(',');
    expect([row[7], row.slice(9, 13)]).toEqual(['failed', ['', '', '', '']]);
  });
});

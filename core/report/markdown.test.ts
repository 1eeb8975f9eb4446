/**
 * The published figures of a suite's `reference` block beside ours in the Markdown report, on the
 * hand-made fixture test/fixtures/results-small.json (adam 0.97/0.98/0.99, sgd-momentum 0.96/0.97/0.98,
 * sgd 0.90/0.91/0.92; sgd-momentum trains 8 s on every seed).
 */
import * as path from 'node:path';
import { readResults, type ResultsDocument } from '../results/document';
import type { SuiteReference } from '../suite/types';
import { markdownReport, referenceLines } from './markdown';
import { buildReport } from './model';

const FIXTURE = path.join(__dirname, '..', '..', 'test/fixtures/results-small.json');

function withReference(doc: ResultsDocument, reference: SuiteReference, keep?: (label: string) => boolean): ResultsDocument {
  return {
    ...doc,
    suite: { ...doc.suite, spec: { ...doc.suite.spec, reference } },
    trials: keep ? doc.trials.filter((t) => keep(t.label)) : doc.trials,
  };
}

describe('referenceLines', () => {
  const doc = readResults(FIXTURE);

  it('adds nothing when no suite has a reference', () => {
    const report = buildReport([{ file: 'a.json', doc }]);
    expect(referenceLines(report)).toEqual([]);
    expect(markdownReport(report)).not.toContain('Published');
  });

  it('puts each published figure beside our mean, in ranking order, unrun ones last', () => {
    const reference: SuiteReference = {
      source: 'paper, table 1',
      notes: 'Trained on 60,000 images.',
      testAccuracy: { nag: 0.97, 'sgd(lr=0.05)': [0.88, 0.95], 'sgd-momentum': [0.9, 0.96], 'adam(lr=0.001)': 0.9875 },
      trainSeconds: { 'sgd-momentum': 10 },
      wallHours: { 'adam(lr=0.001)': 2 },
    };
    const report = buildReport([{ file: 'a.json', doc: withReference(doc, reference) }]);
    expect(referenceLines(report)).toEqual([
      '#### Published figures: paper, table 1',
      '',
      'Trained on 60,000 images.',
      '',
      '| configuration | ours test acc % | published | ours − published |',
      '| :--- | ---: | ---: | ---: |',
      '| adam(lr=0.001) | 98.00 ± 1.00 | 98.75 | -0.75 |',
      '| sgd-momentum | 97.00 ± 1.00 | 90.00–96.00 | +1.00 |',
      '| sgd(lr=0.05) | 91.00 ± 1.00 | 88.00–95.00 | within |',
      '| nag | — | 97.00 | — |',
      '',
      '| configuration | ours train s | published | ours − published |',
      '| :--- | ---: | ---: | ---: |',
      '| sgd-momentum | 8.0 ± 0.0 | 10.0 | -2.0 |',
      '',
    ]);
    expect(markdownReport(report)).toContain('| adam(lr=0.001) | 98.00 ± 1.00 | 98.75 | -0.75 |\n');
  });

  it('merges the references of several results files, one heading per distinct source', () => {
    const a = withReference(doc, { source: 'report 3', testAccuracy: { 'adam(lr=0.001)': 0.98 } }, (l) => l.startsWith('adam'));
    const b = withReference(doc, { source: 'report 3', testAccuracy: { 'sgd(lr=0.05)': 0.9 } }, (l) => l.startsWith('sgd('));
    const lines = referenceLines(buildReport([{ file: 'a.json', doc: a }, { file: 'b.json', doc: b }]));
    expect(lines[0]).toBe('#### Published figures: report 3');
    expect(lines.filter((l) => l.startsWith('| adam') || l.startsWith('| sgd'))).toEqual([
      '| adam(lr=0.001) | 98.00 ± 1.00 | 98.00 | 0.00 |',
      '| sgd(lr=0.05) | 91.00 ± 1.00 | 90.00 | +1.00 |',
    ]);
  });
});

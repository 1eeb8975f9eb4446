/** The results writer and schema: what is written is what `bench validate --results` accepts. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fabricateResults } from '../../test/fabricate';
import { withStatus } from '../../test/fixtures/make-trial';
import { tempWriter } from '../../test/helpers';
import { BenchError } from '../util/errors';
import { type Divergence, describeDivergence } from '../train/record';
import { type ResultsDocument, resultsProblems, writeResults } from './document';

const { dir } = tempWriter('bench-results-');

/** A valid document whose first trial is changed by `edit`. */
function withFirstTrial(edit: (t: ResultsDocument['trials'][number]) => void): ResultsDocument {
  const doc = fabricateResults({ seeds: [1], configs: [{ optimizer: 'sgd', accuracy: [0.9], trainSeconds: [2] }] });
  edit(doc.trials[0]!);
  return doc;
}

describe('numbers JSON cannot hold', () => {
  it('are schema problems in memory, as they would be after a JSON round trip', () => {
    const doc = withFirstTrial((t) => {
      withStatus(t, 'ok').final.testLoss = Number.NaN;
      t.history[0]!.valLoss = Number.POSITIVE_INFINITY;
      t.history[0]!.trainLoss = Number.NEGATIVE_INFINITY;
    });
    expect(resultsProblems(doc)).toEqual([
      '$.trials[0].history[0].trainLoss: must be a finite number (JSON has no -Infinity)',
      '$.trials[0].history[0].valLoss: must be a finite number (JSON has no Infinity)',
      '$.trials[0].final.testLoss: must be a finite number (JSON has no NaN)',
    ]);
    expect(resultsProblems(JSON.parse(JSON.stringify(doc)))).toEqual([
      '$.trials[0].history[0].trainLoss: must be number',
      '$.trials[0].final.testLoss: must be number',
    ]); // valLoss became null, which the schema allows: only the in-memory check sees it
  });

  it('are refused by writeResults, which writes nothing', () => {
    const file = path.join(dir, 'nan.json');
    const doc = withFirstTrial((t) => {
      withStatus(t, 'ok').final.samplesPerSecond = Number.NaN;
    });
    expect(() => writeResults(file, doc)).toThrow(BenchError);
    expect(() => writeResults(file, doc)).toThrow('internal error: results do not match the schema:\n  $.trials[0].final.samplesPerSecond: must be a finite number (JSON has no NaN)');
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('divergence records', () => {
  /** The valid document with its ok trial replaced by a diverged one: the same fields, `d` for `final`. */
  const diverged = (d: Divergence) => {
    const doc = withFirstTrial(() => {});
    const { final: _final, ...rest } = withStatus(doc.trials[0]!, 'ok');
    doc.trials[0] = { ...rest, status: 'diverged', divergence: d };
    return doc;
  };

  it('say where the value was seen; old { epoch, step, loss } records stay valid', () => {
    expect(resultsProblems(diverged({ epoch: 2, where: 'train', step: 7, metric: 'penalty', value: 'Infinity' }))).toEqual([]);
    expect(resultsProblems(diverged({ epoch: 1, where: 'validation', metric: 'accuracy', value: 'NaN' }))).toEqual([]);
    expect(resultsProblems(diverged({ epoch: 3, where: 'test', metric: 'loss', value: '-Infinity' }))).toEqual([]);
    expect(resultsProblems(diverged({ epoch: 1, step: 3, loss: null }))).toEqual([]);
    expect(resultsProblems(diverged({ epoch: 1, step: 3, loss: 1e39 }))).toEqual([]);
  });

  it('are described as the progress line prints them', () => {
    expect(describeDivergence({ epoch: 2, where: 'train', step: 7, metric: 'penalty', value: 'Infinity' })).toBe('epoch 2, step 7 (training penalty Infinity)');
    expect(describeDivergence({ epoch: 3, where: 'test', metric: 'accuracy', value: 'NaN' })).toBe('epoch 3 (test accuracy NaN)');
    expect(describeDivergence({ epoch: 1, step: 3, loss: null })).toBe('epoch 1, step 3');
  });

  it('a step only in training, and always there', () => {
    const stepOnTest = { epoch: 1, where: 'test', step: 2, metric: 'loss', value: 'NaN' } as unknown as Divergence;
    expect(resultsProblems(diverged(stepOnTest))).toContain('$.trials[0].divergence: must NOT be valid');
    const noStep = { epoch: 1, where: 'train', metric: 'loss', value: 'NaN' } as unknown as Divergence;
    expect(resultsProblems(diverged(noStep))).toContain("$.trials[0].divergence: must have required property 'step'");
    const noValue = { epoch: 1, where: 'validation', metric: 'loss' } as unknown as Divergence;
    expect(resultsProblems(diverged(noValue))).toEqual(["$.trials[0].divergence: must have required property 'value'", '$.trials[0].divergence: must match "then" schema']);
  });
});

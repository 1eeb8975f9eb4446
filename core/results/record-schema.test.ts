/**
 * The trial record in the results schema is a union keyed on `status`, as core/train/record.ts' TrialRecord:
 * each status requires what it carries (ok: final, diverged: divergence, failed: error, timeout: timeout)
 * and holds nothing another status carries, so a record that is not ok has no test metrics to read.
 */
import { fabricateResults } from '../../test/fabricate';
import { makeTrial, withStatus } from '../../test/fixtures/make-trial';
import { resultsProblems } from './document';

/** The fields every record has (those of an ok record but its status and final), and an ok record's final. */
const { status: _status, final, ...common } = withStatus(makeTrial({ config: 'sgd', seed: 1 }), 'ok');

/** The schema problems of a document holding one trial: `common` with `fields`. */
function problemsOf(fields: Record<string, unknown>): string[] {
  const doc = fabricateResults({ seeds: [1], configs: [{ optimizer: 'sgd', accuracy: [0.9], trainSeconds: [2] }] });
  return resultsProblems({ ...doc, trials: [{ ...common, ...fields }] });
}

const outcomes: Record<string, Record<string, unknown>> = {
  ok: { status: 'ok', final },
  'diverged in training': { status: 'diverged', divergence: { epoch: 2, where: 'train', step: 7, metric: 'loss', value: 'NaN' } },
  'diverged on the test set': { status: 'diverged', divergence: { epoch: 2, where: 'test', metric: 'accuracy', value: 'NaN' } },
  'diverged (the record before `where`)': { status: 'diverged', divergence: { epoch: 1, step: 3, loss: null } },
  failed: { status: 'failed', error: 'update exploded' },
  timeout: { status: 'timeout', timeout: { seconds: 60, epoch: 2, step: 31 } },
};

describe('a trial record of each status', () => {
  it.each(Object.entries(outcomes))('%s: validates', (_name, outcome) => {
    expect(problemsOf({ ...outcome })).toEqual([]);
  });

  it('failed, written by a bench that kept the test metrics of a trial that leaked tensors: still validates', () => {
    expect(problemsOf({ status: 'failed', error: '3 tensors leaked by this trial', final })).toEqual([]);
  });
});

describe('a record without what its status carries', () => {
  it.each([
    ['ok', 'final'],
    ['diverged', 'divergence'],
    ['failed', 'error'],
    ['timeout', 'timeout'],
  ])('%s without %s is refused, naming only that field', (status, field) => {
    expect(problemsOf({ status })).toEqual([`$.trials[0]: must have required property '${field}'`]);
  });

  it('an unknown status is refused as such', () => {
    expect(problemsOf({ status: 'skipped', error: 'x' })).toEqual(['$.trials[0].status: must be one of ["ok","diverged","failed","timeout"]']);
    expect(problemsOf({})).toEqual(["$.trials[0]: must have required property 'status'"]);
  });
});

describe('a record with what another status carries', () => {
  it('ok with an error, a divergence or a timeout is refused', () => {
    expect(problemsOf({ status: 'ok', final, error: 'boom' })).toEqual(['$.trials[0].error: must not be present']);
    expect(problemsOf({ ...outcomes['diverged in training'], status: 'ok', final })).toEqual(['$.trials[0].divergence: must not be present']);
    expect(problemsOf({ ...outcomes.timeout, status: 'ok', final })).toEqual(['$.trials[0].timeout: must not be present']);
  });

  it('diverged or timeout with test metrics is refused: only ok (and old failed records) have final', () => {
    expect(problemsOf({ ...outcomes['diverged in training'], final })).toEqual(['$.trials[0].final: must not be present']);
    expect(problemsOf({ ...outcomes.timeout, final })).toEqual(['$.trials[0].final: must not be present']);
  });

  it('failed with a divergence or a timeout is refused', () => {
    expect(problemsOf({ ...outcomes.failed, divergence: { epoch: 1, step: 3, loss: null } })).toEqual(['$.trials[0].divergence: must not be present']);
    expect(problemsOf({ ...outcomes.failed, timeout: { seconds: 60, epoch: 2, step: 31 } })).toEqual(['$.trials[0].timeout: must not be present']);
  });
});

/**
 * The ranking a results document is written with: always derived afresh from its trials with the suite's
 * rankBy and target, and the schemaVersion check's messages.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readResults, type ResultsDocument, schemaVersionProblem, withRanking, writeResults } from './document';

const FIXTURE = path.join(__dirname, '..', '..', 'test/fixtures/results-small.json');

describe('results ranking and versions', () => {
  it('writes the ranking derived from the trials with the suite rankBy and target, whatever the document held', () => {
    const doc = readResults(FIXTURE);
    expect(doc.ranking).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    try {
      const file = path.join(dir, 'r.json');
      const bySeconds: ResultsDocument = { ...doc, suite: { ...doc.suite, spec: { ...doc.suite.spec, rankBy: 'trainSeconds' } } };
      writeResults(file, bySeconds);
      const back = readResults(file);
      // train seconds: sgd 6 s; sgd-momentum 8 s (no variance either: differs, rank 2); adam 12 ± 2 s against
      // sgd-momentum, the best of its group: t = 3.46, df 2, p = 0.074, a tie; rmsprop is incomplete.
      expect(back.ranking.map((e) => [e.label, e.rank])).toEqual([
        ['sgd(lr=0.05)', 1],
        ['sgd-momentum', 2],
        ['adam(lr=0.001)', 2],
        ['rmsprop(lr=0.01)', 4],
      ]);
      expect(back.ranking[0]!.timeToTarget).toMatchObject({ reached: 2, of: 3 });
      expect(back.ranking[0]!.testAccuracy).toHaveProperty('ciLow');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('withRanking reads rankBy and target from the suite', () => {
    const doc = readResults(FIXTURE);
    const ranked = withRanking(doc).ranking;
    expect(ranked.map((e) => e.rank)).toEqual([1, 1, 3, 4]);
    expect(ranked[0]!.timeToTarget!.reached).toBe(3);
  });

  it('names what is wrong with a schemaVersion', () => {
    expect(schemaVersionProblem({ schemaVersion: 1 })).toBeUndefined();
    expect(schemaVersionProblem([])).toBe('not a bench results file (expected a JSON object)');
    expect(schemaVersionProblem({})).toBe('not a bench results file: $.schemaVersion is missing');
    expect(schemaVersionProblem({ schemaVersion: 7 })).toMatch(/^results schemaVersion 7 was written by a newer bench; this bench .* reads schemaVersion 1: upgrade bench/);
    expect(schemaVersionProblem({ schemaVersion: 0 })).toBe('results schemaVersion 0 is unknown; this bench reads schemaVersion 1 (see docs/results-schema.md)');
  });
});

/**
 * `bench merge` on shards made in the test: the unsharded trial set in suite order, duplicates that agree or
 * not, files from other code, suites, backends or data refused, and partial merges.
 */
import { InputError } from '../util/errors';
import { mergeResults, type MergeInput } from './merge';
import type { TrialRecord } from '../train/record';
import { withStatus } from '../../test/fixtures/make-trial';
import type { ResultsDocument } from './document';
import type { RunDocument } from './run-info';

const suiteTrials = ['A-s1', 'A-s2', 'B-s1', 'B-s2'];
const acc: Record<string, number> = { 'A-s1': 0.9, 'A-s2': 0.8, 'B-s1': 0.5, 'B-s2': 0.7 };

const record = (id: string): TrialRecord =>
  ({
    id,
    configId: id.slice(0, 1),
    label: `opt-${id.slice(0, 1)}`,
    seed: Number(id.slice(-1)),
    status: 'ok',
    model: { name: 'lenet5', params: 1 },
    dataset: { name: 'mnist', id: 'mnist', checksum: 'c'.repeat(64), train: 1, validation: 0, test: 1 },
    history: [],
    final: { testAccuracy: acc[id]!, testLoss: 1, trainSeconds: 2, samplesPerSecond: 3, confusion: [] },
  }) as unknown as TrialRecord;

function shardDoc(index: number, ids: string[], over: Partial<RunDocument['run']> = {}): ResultsDocument {
  const doc = {
    schemaVersion: 1,
    tool: { name: 'bench', version: '0.1.0' },
    createdAt: `2026-01-0${index}T00:00:00.000Z`,
    complete: true,
    environment: { backend: { name: 'wasm' }, hostname: `node${index}` },
    suite: { name: 's', file: 's.json', spec: { name: 's', seeds: [1, 2] } },
    datasets: [{ name: 'mnist', id: 'mnist', checksum: 'c'.repeat(64), files: [] }],
    trials: ids.map(record),
    ranking: [],
    run: {
      code: { version: '0.1.0', gitCommit: null, hash: 'h1' },
      suiteTrials,
      plannedTrials: ids,
      shard: { index, count: 2 },
      workers: 2,
      cachedTrials: [],
      resumedTrials: [],
      dataLimits: null,
      ...over,
    },
  };
  return doc as unknown as ResultsDocument;
}

const a = (): MergeInput => ({ file: 'a.json', doc: shardDoc(1, ['B-s2', 'A-s1']) });
const b = (): MergeInput => ({ file: 'b.json', doc: shardDoc(2, ['A-s2', 'B-s1']) });

describe('mergeResults', () => {
  it('yields the unsharded trial set in suite order, complete, ranked afresh', () => {
    const m = mergeResults([b(), a()]);
    expect(m.trials.map((t) => t.id)).toEqual(suiteTrials);
    expect(m.complete).toBe(true);
    expect(m.run.shard).toBeNull();
    expect(m.run.plannedTrials).toEqual(suiteTrials);
    expect(m.run.mergedFrom!.map((f) => [f.file, f.trials, f.hostname])).toEqual([
      ['b.json', 2, 'node2'],
      ['a.json', 2, 'node1'],
    ]);
    expect(m.createdAt).toBe('2026-01-01T00:00:00.000Z');
    // Two seeds each: the difference is not significant by Welch's test, so they share rank 1.
    expect(m.ranking.map((r) => [r.rank, r.configId, r.testAccuracy!.n])).toEqual([
      [1, 'A', 2],
      [1, 'B', 2],
    ]);
    expect(m.ranking[0]!.testAccuracy!.mean).toBeCloseTo(0.85, 12);
    expect(m.ranking[1]!.testAccuracy!.mean).toBeCloseTo(0.6, 12);
  });

  it('accepts a duplicate that agrees, refuses one that disagrees', () => {
    const overlap = { file: 'c.json', doc: shardDoc(2, ['A-s1']) };
    expect(mergeResults([a(), b(), overlap]).trials).toHaveLength(4);
    const other = shardDoc(2, ['A-s1']);
    withStatus(other.trials[0]!, 'ok').final.testAccuracy = 0.1;
    expect(() => mergeResults([a(), b(), { file: 'd.json', doc: other }])).toThrow(
      'trial A-s1 (opt-A, seed 1) is in a.json and d.json with different results; merge one of them',
    );
  });

  it('refuses files from other code, another suite, another backend or other data', () => {
    const code = { file: 'x.json', doc: shardDoc(2, ['A-s2', 'B-s1'], { code: { version: '0.1.0', gitCommit: null, hash: 'h2' } }) };
    expect(() => mergeResults([a(), code])).toThrow(/x\.json and a\.json come from different code/);
    const suite = { file: 'y.json', doc: shardDoc(2, ['A-s2', 'B-s1'], { suiteTrials: [...suiteTrials, 'C-s1'] }) };
    expect(() => mergeResults([a(), suite])).toThrow(/different suites/);
    const wasm = b();
    wasm.doc.environment.backend.name = 'tensorflow';
    expect(() => mergeResults([a(), wasm])).toThrow(/different backends/);
    const data = b();
    data.doc.datasets[0]!.checksum = 'd'.repeat(64);
    expect(() => mergeResults([a(), data])).toThrow(/different data/);
    const old = b();
    delete (old.doc as Partial<RunDocument>).run;
    expect(() => mergeResults([a(), old])).toThrow(/b\.json: has no \$\.run section/);
  });

  it('refuses a merge with trials missing unless partial, which marks it incomplete', () => {
    expect(() => mergeResults([a()])).toThrow(InputError);
    expect(() => mergeResults([a()])).toThrow(/hold 2 of the suite's 4 trials \(2 missing, e\.g\. A-s2; shards given: 1\/2\)/);
    const m = mergeResults([a()], { partial: true });
    expect(m.complete).toBe(false);
    expect(m.trials.map((t) => t.id)).toEqual(['A-s1', 'B-s2']);
    expect(m.run.incompleteShards).toEqual([{ shard: { index: 2, count: 2 }, file: null, trials: 0, planned: null }]);
  });

  it('a partial merge names each shard missing or unfinished; a complete one names none', () => {
    const half = { file: 'b.json', doc: { ...shardDoc(2, ['A-s2']), complete: false, run: { ...(shardDoc(2, []) as RunDocument).run, plannedTrials: ['A-s2', 'B-s1'] } } as ResultsDocument };
    const m = mergeResults([a(), half], { partial: true });
    expect(m.run.incompleteShards).toEqual([{ shard: { index: 2, count: 2 }, file: 'b.json', trials: 1, planned: 2 }]);
    expect(mergeResults([a(), b()], { partial: true }).run.incompleteShards).toBeUndefined();
  });
});

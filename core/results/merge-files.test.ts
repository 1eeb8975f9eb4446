/**
 * mergeResultFiles: `bench merge` on files. Two shard files cut from a real results file merge into
 * the whole, written to `out`; an existing `out` is refused unless `force`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inputErrorOf, tempWriter } from '../../test/helpers';
import { readResults } from './document';
import { mergeResultFiles } from './merge';
import type { RunInfo } from './run-info';

const { dir, write } = tempWriter('bench-merge-files-');
const whole = readResults(path.join(__dirname, '..', '..', 'test', 'fixtures', 'results-small.json'));
const ids = whole.trials.map((t) => t.id);

/** Shard `index` of 2: every other trial of the fixture, with the run section bench run --shard writes. */
function shardFile(index: 1 | 2): string {
  const planned = ids.filter((_, i) => i % 2 === index - 1);
  const run: RunInfo = {
    code: { version: '0.1.0', gitCommit: null, hash: 'h1' },
    suiteTrials: ids,
    plannedTrials: planned,
    shard: { index, count: 2 },
    workers: 1,
    cachedTrials: [],
    resumedTrials: [],
    dataLimits: null,
  };
  return write(`shard${index}.json`, { ...whole, trials: whole.trials.filter((t) => planned.includes(t.id)), run });
}

describe('mergeResultFiles', () => {
  const shards = [shardFile(2), shardFile(1)];
  const out = path.join(dir, 'all.json');

  it('writes the merge of shard files to out: every trial in suite order, complete', () => {
    const doc = mergeResultFiles(shards, out);
    expect(ids).toHaveLength(12);
    expect(doc.trials.map((t) => t.id)).toEqual(ids);
    expect(doc.complete).toBe(true);
    const written = readResults(out);
    expect(written.trials.map((t) => t.id)).toEqual(ids);
    expect((written as typeof doc).run.mergedFrom!.map((f) => [path.basename(f.file), f.trials])).toEqual([
      ['shard2.json', 6],
      ['shard1.json', 6],
    ]);
    expect(written.ranking.map((r) => r.configId)).toEqual(doc.ranking.map((r) => r.configId));
  });

  it('refuses an existing out without force, leaving it as it was; overwrites it with force', () => {
    fs.writeFileSync(out, 'keep');
    expect(inputErrorOf(() => mergeResultFiles(shards, out))).toBe(`${out} exists; pass --force to overwrite it`);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep');
    expect(mergeResultFiles(shards, out, { force: true }).trials).toHaveLength(12);
    expect(readResults(out).trials).toHaveLength(12);
  });

  it('an incomplete merge is refused unless partial', () => {
    const one = [shards[0]!];
    expect(inputErrorOf(() => mergeResultFiles(one, path.join(dir, 'part.json')))).toMatch(/^the merged files hold 6 of the suite's 12 trials \(6 missing/);
    expect(fs.existsSync(path.join(dir, 'part.json'))).toBe(false);
    expect(mergeResultFiles(one, path.join(dir, 'part.json'), { partial: true }).complete).toBe(false);
  });
});

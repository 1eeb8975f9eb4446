/**
 * Merging the results files of a sharded run (`bench merge`): the files must come from the same suite,
 * code, backend and data; a trial found in two files must be the same record in both; the result holds
 * the trials in suite order, exactly the set an unsharded run would hold, ranked afresh.
 */
import * as fs from 'node:fs';
import { InputError } from '../util/errors';
import { canonicalJson } from '../util/json';
import type { TrialRecord } from '../train/record';
import { readResults, type ResultsDocument, withRanking, writeResults } from './document';
import type { IncompleteShard, RunDocument, RunInfo } from './run-info';
import { formatShard } from '../suite/shard';

export interface MergeInput {
  file: string;
  doc: ResultsDocument;
}

export interface MergeOptions {
  /** Write an incomplete merge (complete: false) instead of refusing it. */
  partial?: boolean;
}

/** Merges shard results; throws InputError on any mismatch, disagreement or (unless `partial`) gap. */
export function mergeResults(inputs: readonly MergeInput[], opts: MergeOptions = {}): RunDocument {
  if (inputs.length === 0) throw new InputError('bench merge: name at least one results file');
  const docs = inputs.map(({ file, doc }) => {
    const run = (doc as Partial<RunDocument>).run;
    if (!run) throw new InputError(`${file}: has no $.run section (written by a bench without sharding); it cannot be merged`);
    return { file, doc, run };
  });
  const first = docs[0]!;
  const same = (what: string, of: (d: (typeof docs)[number]) => unknown, hint = '') => {
    const want = canonicalJson(of(first));
    for (const d of docs.slice(1)) {
      if (canonicalJson(of(d)) !== want) throw new InputError(`${d.file} and ${first.file} come from different ${what}${hint}; they cannot be merged`);
    }
  };
  same('suites', (d) => [d.doc.suite.name, d.doc.suite.spec, d.run.suiteTrials], ' (suite name, contents or trials differ)');
  same('code', (d) => d.run.code.hash, ` (code hash ${first.run.code.hash} in ${first.file})`);
  same('backends', (d) => d.doc.environment.backend.name);
  same('data', (d) => [d.run.dataLimits ?? null, d.doc.datasets?.map((s) => [s.name, s.id, s.checksum]) ?? []], ' (dataset checksums differ)');

  const suiteTrials = first.run.suiteTrials;
  const known = new Set(suiteTrials);
  const byId = new Map<string, { record: TrialRecord; file: string }>();
  for (const d of docs) {
    for (const r of d.doc.trials) {
      if (!known.has(r.id)) throw new InputError(`${d.file}: trial ${r.id} is not a trial of suite ${d.doc.suite.name}`);
      const seen = byId.get(r.id);
      if (!seen) byId.set(r.id, { record: r, file: d.file });
      else if (canonicalJson(seen.record) !== canonicalJson(r)) {
        throw new InputError(`trial ${r.id} (${r.label}, seed ${r.seed}) is in ${seen.file} and ${d.file} with different results; merge one of them`);
      }
    }
  }
  const missing = suiteTrials.filter((id) => !byId.has(id));
  if (missing.length > 0 && !opts.partial) {
    const shards = docs.map((d) => (d.run.shard ? formatShard(d.run.shard) : 'whole')).join(', ');
    throw new InputError(
      `the merged files hold ${byId.size} of the suite's ${suiteTrials.length} trials (${missing.length} missing, e.g. ${missing[0]}; shards given: ${shards}); ` +
        'add the missing shards, finish incomplete ones with bench run --resume, or pass --partial',
    );
  }
  const trials = suiteTrials.flatMap((id) => {
    const hit = byId.get(id);
    return hit ? [hit.record] : [];
  });
  const union = (f: (r: RunInfo) => string[] | undefined) => {
    const s = new Set(docs.flatMap((d) => f(d.run) ?? []));
    return suiteTrials.filter((id) => s.has(id) && byId.has(id));
  };
  const run: RunInfo = {
    code: first.run.code,
    suiteTrials,
    plannedTrials: suiteTrials,
    shard: null,
    workers: Math.max(...docs.map((d) => d.run.workers)),
    cachedTrials: union((r) => r.cachedTrials),
    resumedTrials: union((r) => r.resumedTrials),
    dataLimits: first.run.dataLimits ?? null,
    mergedFrom: docs.map((d) => ({
      file: d.file,
      shard: d.run.shard,
      hostname: d.doc.environment.hostname,
      createdAt: d.doc.createdAt,
      trials: d.doc.trials.length,
    })),
  };
  const incomplete = missing.length > 0 ? incompleteShards(docs, (id) => byId.has(id)) : [];
  if (incomplete.length > 0) run.incompleteShards = incomplete;
  const createdAt = docs.map((d) => d.doc.createdAt).sort()[0]!;
  return withRanking({ ...first.doc, createdAt, complete: missing.length === 0, trials, run } as RunDocument) as RunDocument;
}

/**
 * `bench merge` on files: reads each results file, merges them (mergeResults) and writes the merge to
 * `out`, which is refused when it exists, unless `force`. Returns the merged document.
 */
export function mergeResultFiles(files: readonly string[], out: string, opts: MergeOptions & { force?: boolean } = {}): RunDocument {
  if (fs.existsSync(out) && !opts.force) throw new InputError(`${out} exists; pass --force to overwrite it`);
  const doc = mergeResults(
    files.map((file) => ({ file, doc: readResults(file) })),
    { partial: opts.partial },
  );
  writeResults(out, doc);
  return doc;
}

/**
 * The shards of the files' split (their shard count; the first file's when they differ) that no file
 * holds in full: missing (no file gives that shard) or with planned trials that no merged file holds.
 */
function incompleteShards(docs: ReadonlyArray<{ file: string; doc: ResultsDocument; run: RunInfo }>, merged: (id: string) => boolean): IncompleteShard[] {
  const count = docs.find((d) => d.run.shard)?.run.shard?.count;
  if (count === undefined) return [];
  const out: IncompleteShard[] = [];
  for (let index = 1; index <= count; index++) {
    const mine = docs.filter((d) => d.run.shard?.index === index && d.run.shard.count === count);
    const first = mine[0];
    if (!first) {
      out.push({ shard: { index, count }, file: null, trials: 0, planned: null });
      continue;
    }
    const held = first.run.plannedTrials.filter(merged).length;
    if (held < first.run.plannedTrials.length) out.push({ shard: { index, count }, file: first.file, trials: held, planned: first.run.plannedTrials.length });
  }
  return out;
}

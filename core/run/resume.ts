/**
 * Resuming an interrupted run: what it left on disk (its results document and/or its `.trials.jsonl`
 * log, read into a PreviousRun), and whether this run may finish it (the same planned trials, the same
 * shard, the same code, the same backend); and a run continued in memory by the next look or rung of
 * the same run (`continuedRun`). It knows nothing of training, the cache or the CLI's options.
 */
import * as fs from 'node:fs';
import type { CodeVersion } from '../env/code-version';
import { InputError } from '../util/errors';
import { canonicalJson } from '../util/json';
import type { TrialRecord } from '../train/record';
import { type ResultsDocument, readResults } from '../results/document';
import type { RunDocument, RunInfo } from '../results/run-info';
import { type LogHeader, logFileOf, readTrialLog } from '../results/trial-log';
import { formatShard, type Shard } from '../suite/shard';
import type { Suite } from '../suite/load';

/** What an interrupted run left: its results document and/or its trial log. */
export interface PreviousRun {
  /** The results file, where the resumed run writes. */
  file: string;
  doc?: ResultsDocument & { run?: RunInfo };
  header?: LogHeader;
  /** Every finished trial found in either, by id. */
  records: Map<string, TrialRecord>;
  suite: { name: string; file: string; spec: Suite['spec'] };
  plannedTrials: string[];
  shard: Shard | null;
  code: CodeVersion;
  backend: string;
  /**
   * Set by `continuedRun`: not an interrupted run but the last look (or rung) of this one, which the
   * next continues with more trials. Its records are carried (not counted as resumed), its log begun anew.
   */
  continued?: true;
}

/**
 * Reads what an interrupted run left at `file`: a results file, or its `.trials.jsonl` log, or both
 * (the log may hold a trial or two that the document had not been rewritten with yet).
 */
export function readPreviousRun(file: string): PreviousRun {
  const resultsFile = file.endsWith('.trials.jsonl') ? file.slice(0, -'.trials.jsonl'.length) : file;
  const logFile = logFileOf(resultsFile);
  const haveDoc = fs.existsSync(resultsFile);
  const haveLog = fs.existsSync(logFile);
  if (!haveDoc && !haveLog) throw new InputError(`--resume ${file}: neither ${resultsFile} nor ${logFile} exists`);
  const doc = haveDoc ? (readResults(resultsFile) as ResultsDocument & { run?: RunInfo }) : undefined;
  const log = haveLog ? readTrialLog(logFile) : undefined;
  if (doc && !doc.run) throw new InputError(`${resultsFile}: has no $.run section (written by a bench without resume support); it cannot be resumed`);
  const records = new Map<string, TrialRecord>();
  for (const r of [...(doc?.trials ?? []), ...(log?.records ?? [])]) if (!records.has(r.id)) records.set(r.id, r);
  const h = log?.header;
  const run = doc?.run;
  if (doc && h && canonicalJson(doc.run!.plannedTrials) !== canonicalJson(h.plannedTrials)) {
    throw new InputError(`${resultsFile} and ${logFile} describe different runs (their planned trials differ)`);
  }
  return {
    file: resultsFile,
    doc,
    header: h,
    records,
    suite: doc ? doc.suite : h!.suite,
    plannedTrials: run ? run.plannedTrials : h!.plannedTrials,
    shard: run ? run.shard : h!.shard,
    code: run ? run.code : h!.code,
    backend: doc ? doc.environment.backend.name : h!.backend,
  };
}

/** The shard a resumed run runs: the previous run's; an InputError when `asked` names another. */
export function resumedShard(prev: PreviousRun, asked: Shard | undefined): Shard | null {
  if (asked && (!prev.shard || formatShard(prev.shard) !== formatShard(asked))) {
    throw new InputError(`--shard ${formatShard(asked)}: ${prev.file} was run as ${prev.shard ? `shard ${formatShard(prev.shard)}` : 'the whole suite'}`);
  }
  return prev.shard;
}

/** An InputError unless `prev` planned exactly `plannedIds` and ran on this code and backend. */
export function checkResumable(prev: PreviousRun, plannedIds: readonly string[], code: CodeVersion, backend: string): void {
  if (canonicalJson(prev.plannedTrials) !== canonicalJson(plannedIds)) {
    const mine = new Set(plannedIds);
    const theirs = new Set(prev.plannedTrials);
    const extra = prev.plannedTrials.filter((id) => !mine.has(id)).length;
    const missing = plannedIds.filter((id) => !theirs.has(id)).length;
    throw new InputError(
      `--resume ${prev.file}: not the same suite: its trials differ from this suite's (${extra} not in this suite, ${missing} new); ` +
        'resume with the suite it was started with',
    );
  }
  const stray = [...prev.records.keys()].filter((id) => !plannedIds.includes(id));
  if (stray.length) throw new InputError(`--resume ${prev.file}: holds trials not planned for it (${stray.slice(0, 3).join(', ')})`);
  if (prev.code.hash !== code.hash) {
    throw new InputError(
      `--resume ${prev.file}: it was run by other bench code (version ${prev.code.version}, code hash ${prev.code.hash}; ` +
        `this is ${code.version}, ${code.hash}); results of two code versions do not mix: start a new run`,
    );
  }
  if (prev.backend !== backend) {
    throw new InputError(`--resume ${prev.file}: it ran on the ${prev.backend} backend, this run on ${backend}; pass --backend ${prev.backend}`);
  }
}

/**
 * A run continued by another of more trials (a sequential look, a halving rung): `doc` as the run it
 * continues, holding `records` (default: its trials), written at `file`, to plan `plannedTrials`.
 */
export function continuedRun(doc: RunDocument, file: string, plannedTrials: readonly string[], records: readonly TrialRecord[] = doc.trials): PreviousRun {
  return {
    file,
    doc,
    records: new Map(records.map((r) => [r.id, r])),
    suite: doc.suite,
    plannedTrials: [...plannedTrials],
    shard: doc.run.shard,
    code: doc.run.code,
    backend: doc.environment.backend.name,
    continued: true,
  };
}

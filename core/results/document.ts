/**
 * The results document: validated against core/schemas/results.schema.json and written atomically
 * (a temporary file in the same directory, then rename), so a reader never sees half a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { Environment } from '../env/environment';
import { BenchError, InputError, messageOf } from '../util/errors';
import { nonFiniteProblems, readJsonFile } from '../util/json';
import { toolVersion } from '../env/code-version';
import { type RankEntry, rankConfigurations, resolveStats, type StatsOptions } from '../analysis/ranking';
import type { TrialRecord } from '../train/record';
import resultsSchema from '../schemas/results.schema.json';
import type { Dataset } from '../data';
import type { SuiteFile } from '../suite/types';
import { isTuningRun, rankedTrials } from '../analysis/ranked-trials';
import type { Selection } from './selection';
import { describeAjvErrors } from '../plugin/params';

export const SCHEMA_VERSION = 1;

export interface ResultsDocument {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'bench'; version: string };
  createdAt: string;
  complete: boolean;
  environment: Environment;
  suite: { name: string; file: string; spec: SuiteFile };
  datasets: Array<Pick<Dataset, 'name' | 'id' | 'source' | 'checksum' | 'files'>>;
  trials: TrialRecord[];
  ranking: RankEntry[];
  /** The statistics `ranking` was made with (bench run --test, --correction, --interval, --alpha); absent in older files: the defaults. */
  statistics?: Required<StatsOptions>;
  /** Tuning runs: the configuration chosen per optimizer (and workload). */
  selection?: Selection[];
}

// discriminator: a trial is checked against the branch of the oneOf its status names, not against all four.
const ajv = new Ajv({ allErrors: true, strict: false, discriminator: true });
const validateResults = ajv.compile(resultsSchema);

/**
 * Schema problems of a results document, as `path: message` lines (empty when valid). Numbers JSON
 * cannot hold (NaN, Infinity) are problems too, so a document valid in memory is still valid after
 * a JSON round trip (writeResults writes only such documents).
 */
export function resultsProblems(doc: unknown): string[] {
  const schema = validateResults(doc) ? [] : describeAjvErrors(validateResults.errors, '$').map((i) => `${i.path}: ${i.message}`);
  return [...nonFiniteProblems(doc).map((i) => `${i.path}: ${i.message}`), ...schema];
}

/**
 * Recomputes the ranking from the trials, with the suite's ranking options (`rankBy`, `target`) and
 * the document's `statistics` (the defaults without). In a tuning run the `final` trials (the chosen
 * configurations rerun on the seeds) are ranked, and an entry whose search trials all failed ranks last
 * as those (core/analysis/ranked-trials.ts); the untuned `defaults` trials of `bench run --defaults` are
 * ranked apart (`rankConfigurations` on them).
 */
export function withRanking(doc: ResultsDocument): ResultsDocument {
  return { ...doc, ranking: rankConfigurations(rankedTrials(doc.trials, isTuningRun(doc)), rankOptionsOf(doc)) };
}

/** How `doc`'s ranking is made: its suite's metric and target, its recorded statistics (the defaults without). */
export function rankOptionsOf(doc: Pick<ResultsDocument, 'suite' | 'statistics'>): SuiteFile & Required<StatsOptions> {
  return { ...doc.suite.spec, ...resolveStats(doc.statistics) };
}

/**
 * Writes `doc` to `file` atomically after checking it against the schema. The ranking written is
 * always the one derived from the trials, the suite's ranking options and the document's statistics.
 */
export function writeResults(file: string, doc: ResultsDocument): void {
  doc = withRanking(doc);
  const problems = resultsProblems(doc);
  if (problems.length > 0) throw new BenchError(`internal error: results do not match the schema:\n  ${problems.join('\n  ')}`, 1);
  writeFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`);
}

/** Writes through a temporary file in the same directory and renames it over `file`. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new BenchError(`cannot write ${file}: ${messageOf(e)}`, 1);
  }
}

/**
 * Why `doc` is not a results document this bench can read, judged by its `schemaVersion` alone:
 * missing, from a newer bench, or unknown. Undefined when the version is the one this bench reads.
 */
export function schemaVersionProblem(doc: unknown): string | undefined {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'not a bench results file (expected a JSON object)';
  if (!('schemaVersion' in doc)) return 'not a bench results file: $.schemaVersion is missing';
  const v = (doc as { schemaVersion: unknown }).schemaVersion;
  if (v === SCHEMA_VERSION) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v > SCHEMA_VERSION) {
    return `results schemaVersion ${v} was written by a newer bench; this bench ${toolVersion()} reads schemaVersion ${SCHEMA_VERSION}: upgrade bench to read it`;
  }
  return `results schemaVersion ${JSON.stringify(v)} is unknown; this bench reads schemaVersion ${SCHEMA_VERSION} (see docs/results-schema.md)`;
}

/** Reads a results file and checks it against the schema; exit code 2 with the reason otherwise. */
export function readResults(file: string): ResultsDocument {
  const doc = readJsonFile(file);
  const versionProblem = schemaVersionProblem(doc);
  if (versionProblem) throw new InputError(`${file}: ${versionProblem}`);
  const problems = resultsProblems(doc);
  if (problems.length > 0) throw new InputError(`${file}: not a valid results file\n  ${problems.slice(0, 20).join('\n  ')}`);
  return doc as unknown as ResultsDocument;
}

/** `bench validate --results FILE`: reads and checks `file` (readResults) and says in one line what it holds. */
export function describeResultsFile(file: string): string {
  const doc = readResults(file);
  const configs = new Set(doc.trials.map((t) => t.configId)).size;
  return (
    `${file}: valid results (schemaVersion ${doc.schemaVersion}) of suite "${doc.suite.name}": ${doc.trials.length} trials, ` +
    `${configs} configuration${configs === 1 ? '' : 's'}${doc.complete === false ? ', incomplete run' : ''}`
  );
}

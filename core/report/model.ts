/**
 * What every report format draws from: one or more results documents merged into one set of trials,
 * ranked with the suite's options (`rankBy`, `target`) and, when the trials span several workloads,
 * their performance profiles. The ranking is always recomputed from the trials, so a results file
 * written by an older bench gets today's statistics.
 */
import { backendLabel } from '../env/environment';
import { InputError } from '../util/errors';
import { performanceProfiles, type PerformanceProfiles, type RunSettings } from '../analysis/profiles';
import { type CriticalDifference, criticalDifference } from '../analysis/critical-difference';
import type { PostHoc } from '../analysis/friedman';
import { describeRanking, type RankEntry, rankConfigurations, resolveStats, type StatsOptions } from '../analysis/ranking';
import { type RankMetric } from '../suite/types';
import type { TrialRecord } from '../train/record';
import { readResults, type ResultsDocument } from '../results/document';
import type { RunInfo } from '../results/run-info';
import { isTuningRun, rankedTrials } from '../analysis/ranked-trials';
import type { Target } from '../suite/types';

/** One results file read for a report. */
export interface ReportSource {
  file: string;
  doc: ResultsDocument;
}

/** One results file of a report: how many of its trials it pooled, and the backend and code that ran them. */
export interface PooledFile {
  file: string;
  trials: number;
  /** The backend with its engine's version (`tensorflow 2.21.0`, `wasm 4.22.0`). */
  backend: string;
  /** The hash of the code that ran the trials (`run.code.hash`); null in files from before it was recorded. */
  code: string | null;
}

/** What a report pooled: every file, and the distinct backends and (known) code hashes among them. */
export interface Pooled {
  files: PooledFile[];
  backends: string[];
  code: string[];
}

export interface Report {
  /** The suite names, joined with " + ". */
  title: string;
  sources: ReportSource[];
  trials: TrialRecord[];
  rankBy: RankMetric;
  target?: Target;
  alpha: number;
  /** The statistics of the ranking: alpha, the paired test, the correction and the intervals. */
  stats: Required<StatsOptions>;
  ranking: RankEntry[];
  /** The note printed under every ranked table. */
  note: string;
  /** Present when the trials span two or more workloads (model/dataset pairs). */
  profiles?: PerformanceProfiles;
  /** Across two or more workloads: the Friedman test and the critical-difference groups of the profiles' solvers. */
  criticalDifference?: CriticalDifference;
  pooled: Pooled;
  /** The pooled file each trial came from, by trial id. */
  fileOf: ReadonlyMap<string, PooledFile>;
  /** What the reader should know about the pooling (files on different backends or code), for stderr. */
  warnings: string[];
}

/** The statistics of a report: the ranking's, and the post-hoc test of the critical-difference diagram (default Nemenyi). */
export interface ReportStats extends StatsOptions {
  postHoc?: PostHoc;
}

/** Reads and validates `files` (InputError, exit 2, on the first bad one) and builds their report with `stats`. */
export function loadReport(files: readonly string[], stats: ReportStats = {}): Report {
  if (files.length === 0) throw new InputError('name at least one results file');
  return buildReport(
    files.map((file) => ({ file, doc: readResults(file) })),
    stats,
  );
}

/**
 * Merges `sources` into one report. Trials are concatenated; a trial id present in two files, files
 * whose suites rank differently (rankBy, target), or trials of one dataset on different data (dataset
 * ids) are an InputError naming the files. Files on different backends or code are pooled with a warning.
 * `stats` chooses the ranking's tests, correction and intervals (core/analysis/ranking.ts; defaults there).
 */
export function buildReport(sources: readonly ReportSource[], stats: ReportStats = {}): Report {
  const first = sources[0];
  if (!first) throw new InputError('name at least one results file');
  const spec = first.doc.suite.spec;
  const settings = new Map<string, RunSettings>();
  const fileOf = new Map<string, PooledFile>();
  const files: PooledFile[] = [];
  const trials: TrialRecord[] = [];
  for (const { file, doc } of sources) {
    const pooledFile: PooledFile = { file, trials: 0, backend: backendLabel(doc.environment), code: (doc as { run?: RunInfo }).run?.code.hash ?? null };
    files.push(pooledFile);
    const s = doc.suite.spec;
    if ((s.rankBy ?? 'testAccuracy') !== (spec.rankBy ?? 'testAccuracy') || JSON.stringify(s.target ?? null) !== JSON.stringify(spec.target ?? null)) {
      throw new InputError(
        `${file}: its suite ranks by ${s.rankBy ?? 'testAccuracy'} with target ${JSON.stringify(s.target ?? null)}, ` +
          `${first.file} by ${spec.rankBy ?? 'testAccuracy'} with target ${JSON.stringify(spec.target ?? null)}; report them separately`,
      );
    }
    for (const t of doc.trials) {
      const other = fileOf.get(t.id);
      if (other !== undefined) throw new InputError(`${file}: trial ${t.id} is also in ${other.file}; a trial may appear in one file only`);
      settings.set(t.id, { validationFraction: s.validationFraction, preprocessing: s.preprocessing });
      fileOf.set(t.id, pooledFile);
      trials.push(t);
    }
  }
  // Tuning runs: ranked as their results are (core/analysis/ranked-trials.ts); the report is of the final trials.
  const tuning = sources.some((s) => isTuningRun(s.doc));
  const ranked = rankedTrials(trials, tuning);
  if (tuning) trials.splice(0, trials.length, ...trials.filter((t) => t.phase === undefined || t.phase === 'final'));
  checkDatasets(trials, fileOf);
  for (const t of trials) fileOf.get(t.id)!.trials++;
  const pooled: Pooled = {
    files,
    backends: [...new Set(files.map((f) => f.backend))],
    code: [...new Set(files.flatMap((f) => (f.code ? [f.code] : [])))],
  };
  const chosen = resolveStats(stats);
  const opts = { rankBy: spec.rankBy ?? ('testAccuracy' as RankMetric), target: spec.target, ...chosen };
  const ranking = rankConfigurations(ranked, opts);
  const settingsOf = (t: TrialRecord) => settings.get(t.id)!;
  const profiles = performanceProfiles(trials, ranking, opts.rankBy, settingsOf);
  const labels = new Map(profiles?.solvers.map((s) => [s.solverId, s.label]));
  const cd = profiles && criticalDifference(trials, ranking, opts.rankBy, settingsOf, (id) => labels.get(id) ?? id, { alpha: chosen.alpha, postHoc: stats.postHoc ?? 'nemenyi' });
  return {
    title: [...new Set(sources.map((s) => s.doc.suite.name))].join(' + '),
    sources: [...sources],
    trials,
    rankBy: opts.rankBy,
    target: opts.target,
    alpha: chosen.alpha,
    stats: chosen,
    ranking,
    note: describeRanking(opts, new Set(ranking.map((e) => `${e.model}/${e.dataset}`)).size, ranking),
    profiles,
    ...(cd ? { criticalDifference: cd } : {}),
    pooled,
    fileOf,
    warnings: poolingWarnings(pooled),
  };
}

/** "x", "x and y", "x, y and z". */
const andList = (items: readonly string[]) => (items.length < 3 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** InputError when trials of one dataset (by name) were trained on different data (dataset ids). */
function checkDatasets(trials: readonly TrialRecord[], fileOf: ReadonlyMap<string, PooledFile>): void {
  const byName = new Map<string, Map<string, Set<string>>>();
  for (const t of trials) {
    const ids = byName.get(t.dataset.name) ?? new Map<string, Set<string>>();
    byName.set(t.dataset.name, ids);
    ids.set(t.dataset.id, (ids.get(t.dataset.id) ?? new Set<string>()).add(fileOf.get(t.id)!.file));
  }
  const mixed = [...byName].filter(([, ids]) => ids.size > 1);
  if (mixed.length === 0) return;
  const what = mixed.map(([name, ids]) => `${name} is ${andList([...ids].map(([id, files]) => `${id} in ${[...files].join(', ')}`))}`);
  throw new InputError(`mixed datasets: ${what.join('; ')}; trials on different data do not rank together: report them separately`);
}

/** Warnings on files pooled from different backends or code. */
function poolingWarnings(pooled: Pooled): string[] {
  const warnings: string[] = [];
  const each = (value: (f: PooledFile) => string | null) =>
    pooled.files.flatMap((f) => (value(f) === null ? [] : [`${value(f)} in ${f.file}`])).join('; ');
  if (pooled.backends.length > 1) warnings.push(`the pooled files ran on different backends (${each((f) => f.backend)}): their times do not compare`);
  if (pooled.code.length > 1) warnings.push(`the pooled files ran different code (${each((f) => f.code)}): differences may come from the code`);
  return warnings;
}

/** What was pooled, for the run line: each file with its trials, backend and code; empty for one file. */
export function describePooled(report: Report): string {
  const files = report.pooled.files;
  if (files.length < 2) return '';
  const each = files.map((f) => `${f.file} (${f.trials} trial${f.trials === 1 ? '' : 's'}, ${f.backend}, code ${f.code ?? 'unknown'})`);
  return `pooled from ${files.length} results files: ${each.join(', ')}`;
}

/**
 * One line on what was run and where: configurations, seeds, trials, backend, CPU, tool version and
 * date (of each results file when there are several), and what was pooled from several files.
 */
export function describeRun(report: Report): string {
  const configs = report.ranking.length;
  const seeds = new Set(report.trials.map((t) => t.seed)).size;
  const where = report.sources.map(({ doc }) => {
    const env = doc.environment;
    const b = env.backend;
    const threads = b.threads ? `, ${b.threads} thread${b.threads > 1 ? 's' : ''}` : '';
    return `${doc.suite.name}: backend ${b.name}${threads}, ${env.cpu} (${env.cores} cores), bench ${doc.tool.version}, ${doc.createdAt.slice(0, 10)}${doc.complete === false ? ' (incomplete run)' : ''}`;
  });
  const pooled = describePooled(report);
  return `${configs} configuration${configs === 1 ? '' : 's'}, ${seeds} seed${seeds === 1 ? '' : 's'}, ${report.trials.length} trial${report.trials.length === 1 ? '' : 's'}; ${[...new Set(where)].join('; ')}${pooled ? `; ${pooled}` : ''}`;
}

/**
 * What every report format draws from: one or more results documents merged into one set of trials,
 * ranked with the suite's options (`rankBy`, `target`) and, when the trials span several workloads,
 * their performance profiles. The ranking is always recomputed from the trials, so a results file
 * written by an older bench gets today's statistics.
 */
import { InputError } from '../errors';
import { performanceProfiles, type PerformanceProfiles } from '../profiles';
import { DEFAULT_ALPHA, describeRanking, type RankEntry, type RankMetric, rankConfigurations } from '../ranking';
import type { TrialRecord } from '../record';
import { readResults, type ResultsDocument } from '../results';
import { isTuningRun, rankedTrials } from '../search/ranked';
import type { Target } from '../target';

/** One results file read for a report. */
export interface ReportSource {
  file: string;
  doc: ResultsDocument;
}

export interface Report {
  /** The suite names, joined with " + ". */
  title: string;
  sources: ReportSource[];
  trials: TrialRecord[];
  rankBy: RankMetric;
  target?: Target;
  alpha: number;
  ranking: RankEntry[];
  /** The note printed under every ranked table. */
  note: string;
  /** Present when the trials span two or more workloads (model/dataset pairs). */
  profiles?: PerformanceProfiles;
}

/** Reads and validates `files` (InputError, exit 2, on the first bad one) and builds their report. */
export function loadReport(files: readonly string[]): Report {
  if (files.length === 0) throw new InputError('name at least one results file');
  return buildReport(files.map((file) => ({ file, doc: readResults(file) })));
}

/**
 * Merges `sources` into one report. Trials are concatenated; a trial id present in two files, or files
 * whose suites rank differently (rankBy, target), are an InputError naming the files.
 */
export function buildReport(sources: readonly ReportSource[]): Report {
  const first = sources[0];
  if (!first) throw new InputError('name at least one results file');
  const spec = first.doc.suite.spec;
  const seen = new Map<string, string>();
  const trials: TrialRecord[] = [];
  for (const { file, doc } of sources) {
    const s = doc.suite.spec;
    if ((s.rankBy ?? 'testAccuracy') !== (spec.rankBy ?? 'testAccuracy') || JSON.stringify(s.target ?? null) !== JSON.stringify(spec.target ?? null)) {
      throw new InputError(
        `${file}: its suite ranks by ${s.rankBy ?? 'testAccuracy'} with target ${JSON.stringify(s.target ?? null)}, ` +
          `${first.file} by ${spec.rankBy ?? 'testAccuracy'} with target ${JSON.stringify(spec.target ?? null)}; report them separately`,
      );
    }
    for (const t of doc.trials) {
      const other = seen.get(t.id);
      if (other !== undefined) throw new InputError(`${file}: trial ${t.id} is also in ${other}; a trial may appear in one file only`);
      seen.set(t.id, file);
      trials.push(t);
    }
  }
  const opts = { rankBy: spec.rankBy ?? ('testAccuracy' as RankMetric), target: spec.target, alpha: DEFAULT_ALPHA };
  // Tuning runs: ranked as their results are (core/search/ranked.ts); the report is of the final trials.
  const tuning = sources.some((s) => isTuningRun(s.doc));
  const ranking = rankConfigurations(rankedTrials(trials, tuning), opts);
  if (tuning) trials.splice(0, trials.length, ...trials.filter((t) => t.phase === undefined || t.phase === 'final'));
  return {
    title: [...new Set(sources.map((s) => s.doc.suite.name))].join(' + '),
    sources: [...sources],
    trials,
    ...opts,
    ranking,
    note: describeRanking(opts, new Set(ranking.map((e) => `${e.model}/${e.dataset}`)).size),
    profiles: performanceProfiles(trials, ranking, opts.rankBy),
  };
}

/**
 * One line on what was run and where: configurations, seeds, trials, backend, CPU, tool version and
 * date (of each results file when there are several).
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
  return `${configs} configuration${configs === 1 ? '' : 's'}, ${seeds} seed${seeds === 1 ? '' : 's'}, ${report.trials.length} trial${report.trials.length === 1 ? '' : 's'}; ${[...new Set(where)].join('; ')}`;
}

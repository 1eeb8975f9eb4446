/**
 * `bench run SUITE --seeds-until-separated MAX`: runs the suite's trials, then, look after look, adds
 * one seed to the configurations still tied with their workload's best and trains those trials, until
 * every best is separated or the looks are spent (the decisions and the level of each look:
 * core/analysis/sequential.ts). Each look is a `runSuite` continuing the last (core/run/resume.ts
 * `continuedRun`): the same results file and trial log, the records so far carried, so the file is
 * valid and resumable after every trial. A trial added is the suite's trial of that configuration on
 * the new seed (id `<configId>-s<seed>`): a normal trial, ranked with the others. The document records
 * the plan and every seed added (`run.sequential`) and ranks at the per-look level. Resuming a
 * sequential run (`run.sequential` in its file) rebuilds its trials from that record and looks on.
 * It knows nothing of the command line or of tuning.
 */
import { type SequentialRecord, nextSeed, sequentialPlan, stillTied } from '../analysis/sequential';
import { resolveStats } from '../analysis/rank-options';
import { withRanking, writeResults } from '../results/document';
import type { RunDocument } from '../results/run-info';
import { trialOnSeed } from '../suite/expand';
import type { Suite } from '../suite/load';
import type { Trial } from '../suite/types';
import { InputError } from '../util/errors';
import { logOf } from './events';
import { continuedRun } from './resume';
import { type RunOptions, runSuite } from './run-suite';

/** How to run a suite sequentially: a run's options and the most seeds (recorded in a resumed run's file). */
export interface SequentialOptions extends RunOptions {
  /** The most seeds a configuration gets, counting the suite's; optional when resuming a sequential run. */
  maxSeeds?: number;
}

/** The suite's trials and, for each seed added, the trials of the configurations it was added to. */
export function sequentialTrials(suite: Suite, added: SequentialRecord['added']): Trial[] {
  const first = new Map<string, Trial>();
  for (const t of suite.trials) if (!first.has(t.configId)) first.set(t.configId, t);
  return [...suite.trials, ...added.flatMap(({ seed, configs }) => configs.map((id) => trialOnSeed(first.get(id)!, seed)))];
}

/** The record a run starts from: a resumed sequential run's (looking on), else a new plan; an InputError for a run that cannot be sequential. */
export function startRecord(suite: Suite, opts: Pick<SequentialOptions, 'shard' | 'resume' | 'maxSeeds' | 'stats'>): SequentialRecord {
  if (opts.shard) throw new InputError('--seeds-until-separated: every look ranks all the trials; it cannot run one shard (--shard)');
  const recorded = opts.resume?.doc?.run?.sequential;
  if (recorded) {
    if (opts.maxSeeds !== undefined && opts.maxSeeds !== recorded.maxSeeds) {
      throw new InputError(`--seeds-until-separated ${opts.maxSeeds}: ${opts.resume!.file} was started with --seeds-until-separated ${recorded.maxSeeds}; leave it out to go on`);
    }
    return { ...recorded, stopped: null };
  }
  if (opts.resume) throw new InputError(`--seeds-until-separated: ${opts.resume.file} was not a sequential run; resume it without --seeds-until-separated`);
  if (opts.maxSeeds === undefined) throw new Error('runSequential: maxSeeds is required for a new run');
  return { ...sequentialPlan(suite.spec.seeds.length, opts.maxSeeds, resolveStats(opts.stats).alpha), added: [], stopped: null };
}

/** Runs `suite` sequentially (see the module comment); returns the results document. */
export async function runSequential(suite: Suite, opts: SequentialOptions): Promise<RunDocument> {
  const log = logOf(opts.events);
  let record = startRecord(suite, opts);
  const stats = { ...opts.stats, alpha: record.alphaPerLook };
  const look = (resume: RunOptions['resume']) => runSuite({ ...suite, trials: sequentialTrials(suite, record.added) }, { ...opts, stats, sequential: record, resume });
  let doc = await look(opts.resume);
  for (;;) {
    if (opts.signal?.aborted || !doc.complete) return doc;
    const tied = stillTied(doc.ranking, record.alphaPerLook);
    if (tied.length === 0 || record.added.length + 1 >= record.looks) {
      record = { ...record, stopped: tied.length === 0 ? 'separated' : 'max-seeds' };
      break;
    }
    const seed = nextSeed([...suite.spec.seeds, ...record.added.map((a) => a.seed)]);
    log(`look ${record.added.length + 1} of ${record.looks}: ${tied.length} configurations still tied with the best at alpha = ${Number(record.alphaPerLook.toPrecision(3))}; adding seed ${seed} to them`);
    record = { ...record, added: [...record.added, { seed, configs: tied }] };
    doc = await look(continuedRun(doc, opts.out ?? '(in memory)', sequentialTrials(suite, record.added).map((t) => t.id)));
  }
  const final: RunDocument = { ...doc, run: { ...doc.run, sequential: record } };
  if (opts.out) writeResults(opts.out, final);
  return withRanking(final) as RunDocument;
}

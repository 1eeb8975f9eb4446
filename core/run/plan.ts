/**
 * What a run has left to train: from the suite, the shard, the interrupted run being resumed and the
 * result cache to the trials still to train (`todo`), with the records already done and where each came
 * from. Pure bookkeeping over trial ids and records: it loads no data, starts no worker, writes no file.
 *
 * Planned in two steps, so that worker processes can start warming as early as their number is known:
 * `planRun` (shard and resume: needs no data) and `takeFromCache` (the cache key needs each dataset's
 * checksum, so it runs once the data is loaded).
 */
import * as os from 'node:os';
import type { CodeVersion } from '../env/code-version';
import { InputError } from '../util/errors';
import { canonicalJson } from '../util/json';
import type { TrialRecord } from '../train/record';
import { type CostModel, ESTIMATED_COSTS } from '../suite/cost';
import { type Shard, selectShard } from '../suite/shard';
import type { Suite } from '../suite/load';
import type { Trial } from '../suite/types';
import type { PlanEvent } from './events';
import { checkResumable, type PreviousRun, resumedShard } from './resume';

/** A run's plan: its trials, those already done and those left. */
export interface RunPlan {
  shard: Shard | null;
  /** The trials this run is to hold (the shard's), in suite order. */
  planned: readonly Trial[];
  plannedIds: readonly string[];
  /** Finished records (resumed or cached), by trial id. */
  done: ReadonlyMap<string, TrialRecord>;
  /** Ids taken from the resumed run (trained by it). */
  resumed: readonly string[];
  /** Ids whose records came from the cache, in this run or in the run it resumes. */
  cached: readonly string[];
  /** How many of the planned trials the resumed (or continued) run held. */
  carriedOver: number;
  /** How many records this run took from the cache itself. */
  fromCache: number;
  /** The trials left to train, in suite order. */
  todo: readonly Trial[];
}

/** What `planRun` needs besides the suite. */
export interface PlanInput {
  shard?: Shard;
  resume?: PreviousRun;
  /** This run's code version and backend name: a resumed run must match them. */
  code: CodeVersion;
  backend: string;
  /** What each trial costs, for a cost-balanced shard (default: estimated FLOPs, core/suite/cost.ts). */
  costs?: CostModel;
  log?: (line: string) => void;
}

/** The shard's trials, less those the resumed run finished; an InputError when `resume` cannot be finished by this run. */
export function planRun(suite: Suite, input: PlanInput): RunPlan {
  const prev = input.resume;
  const shard = prev ? resumedShard(prev, input.shard) : (input.shard ?? null);
  const planned = prev?.shard ? resumedShardTrials(suite, prev) : shard ? selectShard(suite.trials, shard, (input.costs ?? ESTIMATED_COSTS).costOf) : suite.trials;
  const plannedIds = planned.map((t) => t.id);
  const done = new Map<string, TrialRecord>();
  const resumed: string[] = [];
  const cached: string[] = [];
  if (prev) {
    checkResumable(prev, plannedIds, input.code, input.backend);
    const cachedBefore = new Set(prev.doc?.run?.cachedTrials ?? []);
    const resumedBefore = new Set(prev.doc?.run?.resumedTrials ?? []);
    for (const id of plannedIds) {
      const r = prev.records.get(id);
      if (r) {
        done.set(id, r);
        // A continued run keeps where its records came from; an interrupted one's own records are resumed.
        if (cachedBefore.has(id)) cached.push(id);
        else if (!prev.continued || resumedBefore.has(id)) resumed.push(id);
      }
    }
    const host = prev.doc?.environment.hostname;
    if (host && host !== os.hostname()) {
      input.log?.(`note: ${prev.file} was started on ${host}; its timings and this host's end up in one document`);
    }
  }
  return { shard, planned, plannedIds, done, resumed, cached, carriedOver: done.size, fromCache: 0, todo: planned.filter((t) => !done.has(t.id)) };
}

/**
 * The trials of a resumed shard: those the shard planned (as its header and document say), not a split
 * made again, whose costs may have come from a file this run was not given. The suite must still be the
 * one the shard was split from (the same trial ids, when its document records them).
 */
function resumedShardTrials(suite: Suite, prev: PreviousRun): readonly Trial[] {
  const all = prev.doc?.run?.suiteTrials;
  if (all && canonicalJson(all) !== canonicalJson(suite.trials.map((t) => t.id))) {
    throw new InputError(`--resume ${prev.file}: not the same suite: its suite's trials differ from this suite's; resume with the suite it was started with`);
  }
  const mine = new Set(prev.plannedTrials);
  return suite.trials.filter((t) => mine.has(t.id));
}

/** `plan` with every trial left that `lookup` finds (a cache hit) counted as done, under this run's names. */
export function takeFromCache(plan: RunPlan, lookup: (t: Trial) => TrialRecord | undefined): RunPlan {
  const done = new Map(plan.done);
  const cached = [...plan.cached];
  const todo: Trial[] = [];
  for (const t of plan.todo) {
    const r = lookup(t);
    if (r) {
      done.set(t.id, namedByThisRun(r, t));
      cached.push(t.id);
    } else todo.push(t);
  }
  return { ...plan, done, cached, fromCache: plan.fromCache + (plan.todo.length - todo.length), todo };
}

/** The plan as `RunEvents.onPlan` reports it, with `workers` trials trained at once; epochs counted per trial. */
export function planEvent(plan: RunPlan, workers: number): PlanEvent {
  const epochs = (trials: readonly Trial[]) => trials.reduce((n, t) => n + t.config.epochs, 0);
  return {
    total: plan.plannedIds.length,
    resumed: plan.resumed.length,
    cached: plan.cached.length,
    carried: plan.done.size - plan.resumed.length - plan.cached.length,
    toRun: plan.todo.length,
    workers: plan.todo.length > 0 ? Math.min(workers, plan.todo.length) : 0,
    epochs: { total: epochs(plan.planned), done: epochs(plan.planned.filter((t) => plan.done.has(t.id))) },
  };
}

/**
 * A cached record under this run's names: the cache key (the trial id) hashes the configuration without
 * its labels, so the run that stored it may have labelled it otherwise, or run it in another phase or entry
 * (or pruned it: whether a rung's trial is promoted is this run's decision).
 */
function namedByThisRun(r: TrialRecord, t: Trial): TrialRecord {
  const { phase: _phase, entry: _entry, pruned: _pruned, ...rest } = r;
  const c = t.config;
  return {
    ...rest,
    label: t.label,
    optimizer: c.optimizer,
    regularizers: c.regularizers,
    initializer: c.initializer,
    activation: c.activation,
    ...(t.phase ? { phase: t.phase } : {}),
    ...(t.entry !== undefined ? { entry: t.entry } : {}),
  };
}

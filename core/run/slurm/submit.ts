/**
 * Submitting a suite to Slurm (`bench run SUITE --slurm`): checks the request, splits the suite into
 * cost-balanced shards (the same split each task computes for itself), writes the run folder (the two
 * scripts of core/run/slurm/script.ts and the manifest), and submits the shard array and the merge job
 * that depends on it (`afterany`). `resubmitSlurmRun` is `bench run --resume DIR`: it sends the unfinished
 * shards again (and a new merge), unless some are still queued or running. It trains nothing, prints
 * nothing (what it has to say goes back to the caller) and knows nothing of command lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataLimits } from '../../results/run-info';
import { type CostModel, ESTIMATED_COSTS, measuredCosts } from '../../suite/cost';
import type { Suite } from '../../suite/load';
import { shardLoads } from '../../suite/shard';
import { readResults } from '../../results/document';
import { InputError } from '../../util/errors';
import { checkOutputFolder } from '../../util/output-path';
import { loadRequestedSuite } from '../prepare';
import { readManifest, runFolder, type RunFolder, type SlurmManifest, type Submission, writeManifest } from './folder';
import { readShards } from './progress';
import { ACTIVE_STATES, jobStates, type SlurmExec, submit, taskList } from './scheduler';
import { benchCommand, mergeScript, parseSbatchOptions, type ScriptInput, type ShardTraining, shardScript } from './script';

/** A Slurm run as `bench run SUITE --slurm` asks for it. */
export interface SlurmRequest extends ShardTraining {
  suite: string;
  set?: string[];
  /** The run folder (default `results/<suite>-<time>-slurm`). */
  out?: string;
  /** Write into an existing run folder. */
  force?: boolean;
  /** Array tasks, one shard each (default: 4, at most one per trial). */
  shards?: number;
  /** Extra sbatch options, as one string (`--partition=... --time=...`). */
  sbatch?: string;
  dataLimits?: DataLimits;
  /** The command that starts bench on a node (default: this bench, `benchCommand()`). */
  bench?: string[];
}

/** What a submission is, before (`--dry-run`) or after it is sent. */
export interface SlurmPlan {
  suite: Suite;
  folder: RunFolder;
  shards: number;
  costs: CostModel;
  /** Per shard: its trials and its share of the estimated cost (0..1). */
  split: Array<{ trials: number; share: number }>;
  scripts: { shard: string; merge: string };
}

/** Default shard count: 4, at most one shard per trial. */
const DEFAULT_SHARDS = 4;

/** Checks `req` and makes the scripts; an InputError for anything that cannot run. */
export function planSlurmRun(req: SlurmRequest): SlurmPlan {
  const suite = loadRequestedSuite(req.suite, req.set);
  if (suite.spec.search || suite.spec.optimizers.some((o) => typeof o === 'object' && o.search)) {
    throw new InputError(`${req.suite}: --slurm runs shards, and suites with a search cannot be sharded yet`);
  }
  const shards = req.shards ?? Math.min(DEFAULT_SHARDS, suite.trials.length);
  if (!Number.isInteger(shards) || shards < 1) throw new InputError(`--shards: expected a whole number >= 1, found ${shards}`);
  if (shards > suite.trials.length) throw new InputError(`--shards ${shards}: suite ${suite.spec.name} has only ${suite.trials.length} trials`);
  const costs = req.shardCosts !== undefined ? measuredCosts(readResults(req.shardCosts).trials, req.shardCosts) : ESTIMATED_COSTS;
  const loads = shardLoads(suite.trials, shards, costs.costOf);
  const total = loads.reduce((s, l) => s + l.cost, 0);
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
  const folder = runFolder(req.out ?? path.join('results', `${suite.spec.name}-${stamp}-slurm`));
  const input: ScriptInput = {
    folder,
    cwd: process.cwd(),
    suiteFile: suite.file,
    suiteName: suite.spec.name,
    shards,
    set: req.set ?? [],
    plugins: (suite.spec.plugins ?? []).length > 0,
    bench: req.bench ?? benchCommand(),
    backend: req.backend,
    workers: req.workers,
    threads: req.threads,
    dataDir: req.dataDir,
    cacheDir: req.cacheDir,
    shardCosts: req.shardCosts,
    dataLimits: req.dataLimits ?? {},
    sbatch: parseSbatchOptions(req.sbatch),
  };
  return {
    suite,
    folder,
    shards,
    costs,
    split: loads.map((l) => ({ trials: l.trials, share: total > 0 ? l.cost / total : 1 / shards })),
    scripts: { shard: shardScript(input), merge: mergeScript(input) },
  };
}

/** Submits the array, then the merge job after it; returns the submission. */
function submitBoth(exec: SlurmExec, folder: RunFolder, tasks: number[], all: boolean): Submission {
  const array = submit(exec, folder.shardScript, all ? [] : [`--array=${taskList(tasks)}`]);
  const merge = submit(exec, folder.mergeScript, [`--dependency=afterany:${array}`]);
  return { array, tasks, merge, submittedAt: new Date().toISOString() };
}

/** Writes the run folder of `plan` and submits it; an InputError when the folder holds a run (without `force`) or sbatch refuses. */
export function submitSlurmRun(plan: SlurmPlan, exec: SlurmExec, force = false): SlurmManifest {
  const { folder } = plan;
  if (fs.existsSync(folder.manifest) && !force) throw new InputError(`${folder.dir} holds a Slurm run already; bench run --resume ${folder.dir} finishes it, --force starts over`);
  checkOutputFolder(folder.dir, '--out', { create: true });
  fs.mkdirSync(folder.logs, { recursive: true });
  for (let i = 1; i <= plan.shards; i++) for (const f of [folder.shardFile(i), `${folder.shardFile(i)}.trials.jsonl`]) fs.rmSync(f, { force: true });
  fs.rmSync(folder.merged, { force: true });
  fs.writeFileSync(folder.shardScript, plan.scripts.shard, { mode: 0o755 });
  fs.writeFileSync(folder.mergeScript, plan.scripts.merge, { mode: 0o755 });
  const manifest: SlurmManifest = {
    kind: 'bench-slurm-run',
    format: 1,
    suite: { name: plan.suite.spec.name, file: plan.suite.file },
    shards: plan.shards,
    trials: plan.suite.trials.length,
    epochs: plan.suite.spec.epochs,
    createdAt: new Date().toISOString(),
    submissions: [],
  };
  writeManifest(folder.dir, manifest); // before sbatch: a folder whose jobs run always has its manifest
  manifest.submissions.push(submitBoth(exec, folder, Array.from({ length: plan.shards }, (_, i) => i + 1), true));
  writeManifest(folder.dir, manifest);
  return manifest;
}

/** What `resubmitSlurmRun` did. */
export interface Resubmission {
  manifest: SlurmManifest;
  /** The new submission, if one was made. */
  submission?: Submission;
  /** Shards whose jobs are still queued or running (nothing is submitted then). */
  active: number[];
  /** Shards sent again. */
  sent: number[];
}

/**
 * `bench run --resume DIR`: submits the shards that have not finished (no file, or fewer trials than
 * planned) again, with a new merge job, unless a shard of the run is still queued or running (then it
 * only reports them). With every shard finished but no merged document, only the merge is submitted.
 */
export function resubmitSlurmRun(dir: string, exec: SlurmExec): Resubmission {
  const manifest = readManifest(dir);
  const folder = runFolder(dir);
  const last = manifest.submissions[manifest.submissions.length - 1];
  const states = last ? jobStates(exec, [last.array, last.merge]) : new Map();
  const active = (last?.tasks ?? []).filter((t) => ACTIVE_STATES.has(states.get(`${last!.array}_${t}`)?.state ?? ''));
  if (active.length > 0 || (last && ACTIVE_STATES.has(states.get(last.merge)?.state ?? ''))) return { manifest, active, sent: [] };
  const unfinished = readShards(folder, manifest.shards)
    .filter((s) => !s.complete)
    .map((s) => s.shard);
  let submission: Submission | undefined;
  if (unfinished.length > 0) submission = submitBoth(exec, folder, unfinished, false);
  else if (!fs.existsSync(folder.merged) || !readResults(folder.merged).complete) {
    submission = { array: last?.array ?? '', tasks: [], merge: submit(exec, folder.mergeScript), submittedAt: new Date().toISOString() };
  }
  if (submission) {
    manifest.submissions.push(submission);
    writeManifest(folder.dir, manifest);
  }
  return { manifest, active, sent: unfinished, ...(submission ? { submission } : {}) };
}

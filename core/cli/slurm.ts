/**
 * `bench run --slurm`, `bench run --resume DIR` of a Slurm run folder, and `bench status DIR`, on the
 * terminal: prints the split and the scripts (`--dry-run`), the job ids and where the results will be,
 * then (with `--wait`) one progress line per finished trial and the merged ranked table. Ctrl-C while
 * waiting stops only the waiting: the jobs keep running. The work is core/run/slurm/'s; this module
 * parses nothing (the commands hand it their options) and only prints.
 */
import * as path from 'node:path';
import type { BackendChoice } from '../backends/choices';
import type { RunEvents } from '../run/events';
import type { FollowOutcome, SlurmStatus } from '../run/slurm/progress';
import type { SlurmExec } from '../run/slurm/scheduler';
import type { IO } from './io';
import type { ProgressSink } from './progress';
import { printRun } from './run-output';

/** `p` relative to the working folder when it lies inside it (as the user named it), else absolute. */
function shown(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : p;
}

/** The options of `bench run` that a Slurm run takes. */
export interface SlurmArgs {
  suite?: string;
  resume?: string;
  out?: string;
  force: boolean;
  set?: string[];
  shards?: number;
  /** `--shard i/n`: refused, the executor makes the shards. */
  shard?: string;
  sbatch?: string;
  backend: BackendChoice;
  workers?: number;
  threads?: number;
  dataDir?: string;
  cacheDir?: string;
  shardCosts?: string;
  wait: boolean;
  dryRun: boolean;
}

/** For tests: Slurm's commands, and how often to look at the run (default: the real commands, every second). */
export interface SlurmCliOptions {
  exec?: SlurmExec;
  pollMs?: number;
}

/** `bench run SUITE --slurm ...` or `bench run --resume DIR` (a Slurm run folder). */
export async function runOnSlurm(args: SlurmArgs, io: IO, opts: SlurmCliOptions = {}): Promise<number> {
  const [{ planSlurmRun, submitSlurmRun, resubmitSlurmRun }, { slurmExec }, { dataLimitsFromEnv }] = await Promise.all([
    import('../run/slurm/submit'),
    import('../run/slurm/scheduler'),
    import('./test-limits'),
  ]);
  const exec = opts.exec ?? slurmExec;
  if (args.resume !== undefined) {
    const r = resubmitSlurmRun(args.resume, exec);
    const dir = args.resume;
    if (r.active.length > 0) io.err(`shards ${r.active.join(', ')} of ${dir} are still queued or running: following them (nothing submitted)`);
    else if (r.submission && r.sent.length > 0) io.err(`submitted again: shards ${r.sent.join(', ')} as array job ${r.submission.array}, merge job ${r.submission.merge} (afterany:${r.submission.array})`);
    else if (r.submission) io.err(`every shard is complete: submitted the merge again as job ${r.submission.merge}`);
    else io.err(`${dir}: every shard is complete and merged; nothing to submit`);
    return args.wait ? follow(dir, io, { ...opts, exec }) : 0;
  }
  const { InputError } = await import('../util/errors');
  if (args.suite === undefined) throw new InputError('--slurm: name a suite file');
  if (args.shard !== undefined) throw new InputError('--shard: --slurm makes the shards itself (--shards N)');
  const plan = planSlurmRun({ ...args, suite: args.suite, dataLimits: dataLimitsFromEnv() });
  io.err(`${plan.suite.spec.name}: ${plan.suite.trials.length} trials in ${plan.shards} shard${plan.shards === 1 ? '' : 's'}, split by ${plan.costs.source}:`);
  plan.split.forEach((s, i) => io.err(`  shard ${i + 1}: ${s.trials} trial${s.trials === 1 ? '' : 's'}, ${(s.share * 100).toFixed(1)}% of the cost`));
  if (args.dryRun) {
    io.out(`# ${plan.folder.shardScript}\n${plan.scripts.shard}`);
    io.out(`# ${plan.folder.mergeScript} (submitted with --dependency=afterany:<the array's job id>)\n${plan.scripts.merge}`);
    io.err('dry run: nothing written or submitted');
    return 0;
  }
  const manifest = submitSlurmRun(plan, exec, args.force);
  const sub = manifest.submissions[0]!;
  io.err(`submitted: array job ${sub.array} (shards 1-${plan.shards}), merge job ${sub.merge} (afterany:${sub.array})`);
  const dir = shown(plan.folder.dir);
  io.err(`results: ${shown(plan.folder.merged)} (shards: ${dir}/shard-<i>.json, logs: ${dir}/logs/)`);
  io.err(`follow: bench status ${dir} --wait; after a failure or scancel: bench run --resume ${dir}`);
  return args.wait ? follow(plan.folder.dir, io, { ...opts, exec }) : 0;
}

/** `bench status DIR [--wait]`: the run's state now, or followed to its end. */
export async function slurmStatusCommand(dir: string, wait: boolean, io: IO, opts: SlurmCliOptions = {}): Promise<number> {
  const [{ slurmStatus }, { slurmExec }] = await Promise.all([import('../run/slurm/progress'), import('../run/slurm/scheduler')]);
  const exec = opts.exec ?? slurmExec;
  if (wait) return follow(dir, io, { ...opts, exec });
  const status = slurmStatus(dir, exec);
  io.out(describeStatus(status).join('\n'));
  return status.finished && status.shards.every((s) => s.complete) ? 0 : 1;
}

/** One line per shard and one for the merge. */
export function describeStatus(s: SlurmStatus): string[] {
  const lines = [`${s.manifest.suite.name}: ${s.manifest.trials} trials in ${s.manifest.shards} shards (${shown(s.folder.dir)})`];
  for (const sh of s.shards) {
    const held = sh.planned === null ? 'not started' : `${sh.records.length}/${sh.planned} trials${sh.complete ? ', complete' : ''}`;
    const job = sh.job ? `job ${sh.job.id} ${sh.job.state}${sh.job.state === 'PENDING' && sh.job.reason ? ` (${sh.job.reason})` : ''}` : 'no job in the queue';
    lines.push(`  shard ${sh.shard}: ${held}; ${job}`);
  }
  if (s.merge) lines.push(`  merge: job ${s.merge.id} ${s.merge.state ?? '(no longer in the queue)'}`);
  lines.push(s.finished ? `  no job is queued or running${s.shards.every((x) => x.complete) ? '' : `; bench run --resume ${shown(s.folder.dir)} submits the unfinished shards again`}` : '  jobs are queued or running');
  return lines;
}

/** Follows the run with progress lines until its jobs end (or Ctrl-C), then prints the merged table. */
async function follow(dir: string, io: IO, opts: SlurmCliOptions & { exec: SlurmExec }): Promise<number> {
  const [{ followSlurmRun }, progress, { abortOnSignals }] = await Promise.all([import('../run/slurm/progress'), import('./progress'), import('../run/signals')]);
  const sink = io.errIsTTY ? progress.barProgress(process.stderr, undefined, 'shard') : progress.plainProgress((l) => io.err(l), undefined, 'shard');
  const signals = abortOnSignals();
  let outcome: FollowOutcome;
  try {
    outcome = await followSlurmRun(dir, { exec: opts.exec, events: sinkEvents(sink), signal: signals.signal, pollMs: opts.pollMs });
  } finally {
    sink.stop();
    signals.dispose();
  }
  if (outcome.detached) {
    io.err(`stopped waiting (${signals.stoppedBy}): the jobs keep running; bench status ${dir} --wait follows them again`);
    return 130;
  }
  for (const line of describeStatus(outcome.status).slice(1)) io.err(line);
  if (!outcome.doc) {
    io.err(`no merged document was written: see ${outcome.status.folder.mergeLog}; bench run --resume ${dir} submits what is missing`);
    return 1;
  }
  const code = await printRun({ spec: outcome.doc.suite.spec, out: shown(outcome.status.folder.merged), doc: outcome.doc }, io);
  const missing = outcome.doc.run.incompleteShards ?? [];
  if (missing.length > 0) {
    const named = missing.map((m) => `shard ${m.shard.index}/${m.shard.count} (${m.planned === null ? 'no results file' : `${m.trials} of ${m.planned} trials`})`);
    io.err(`incomplete: ${named.join(', ')}; bench run --resume ${dir} submits them again`);
    return 1;
  }
  return code;
}

/** The run's events as the progress sink draws them (only finished trials and notices reach a follower). */
function sinkEvents(sink: ProgressSink): RunEvents {
  return {
    log: (line) => sink.log(line),
    onPlan: (p) => sink.plan(p, p.epochs.total, p.epochs.done),
    onTrial: (r, done, total, shard) => sink.trialDone(r, done, total, shard),
  };
}

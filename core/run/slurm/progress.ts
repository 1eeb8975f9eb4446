/**
 * Where a Slurm run stands, read from its run folder and the queue: each shard's finished trials (from
 * its trial log, as they are appended), whether it is complete, the state of its job and of the merge
 * job; and `followSlurmRun`, which polls both and reports each newly finished trial through `RunEvents`
 * (as a local run does) until the last submission's jobs have ended, then reads the merged document.
 * It submits nothing, prints nothing, and stops following (leaving the jobs alone) when its signal aborts.
 */
import * as fs from 'node:fs';
import { readResults } from '../../results/document';
import type { RunDocument } from '../../results/run-info';
import { logFileOf, readTrialLog } from '../../results/trial-log';
import type { TrialRecord } from '../../train/record';
import { messageOf } from '../../util/errors';
import { logOf, type RunEvents } from '../events';
import { readManifest, runFolder, type RunFolder, type SlurmManifest } from './folder';
import { ACTIVE_STATES, type JobState, jobStates, type SlurmExec } from './scheduler';

/** What a shard's files hold. */
export interface ShardFiles {
  shard: number;
  file: string;
  /** Its finished trials, in the order they finished. */
  records: TrialRecord[];
  /** Trials it is to hold; null before it has written anything. */
  planned: number | null;
  complete: boolean;
}

/** A shard's files and, when the controller still lists it, its job. */
export interface ShardStatus extends ShardFiles {
  job?: { id: string } & JobState;
}

/** A Slurm run as its folder and the queue show it. */
export interface SlurmStatus {
  manifest: SlurmManifest;
  folder: RunFolder;
  shards: ShardStatus[];
  merge?: { id: string } & Partial<JobState>;
  /** True when no job of the last submission is queued or running. */
  finished: boolean;
}

/** Shard `i`'s finished trials and plan, from its trial log (else its results file); nothing before it starts. */
export function readShard(folder: RunFolder, shard: number): ShardFiles {
  const file = folder.shardFile(shard);
  const log = logFileOf(file);
  let records: TrialRecord[] = [];
  let planned: number | null = null;
  try {
    if (fs.existsSync(log)) {
      const l = readTrialLog(log);
      records = l.records;
      planned = l.header.plannedTrials.length;
    } else if (fs.existsSync(file)) {
      const doc = readResults(file) as RunDocument;
      records = doc.trials;
      planned = doc.run?.plannedTrials.length ?? null;
    }
  } catch {
    // Being created (an empty log, no header yet): read again at the next poll.
  }
  const unique = [...new Map(records.map((r) => [r.id, r])).values()];
  return { shard, file, records: unique, planned, complete: planned !== null && unique.length >= planned };
}

/** Every shard's files. */
export function readShards(folder: RunFolder, count: number): ShardFiles[] {
  return Array.from({ length: count }, (_, i) => readShard(folder, i + 1));
}

/** The run in `dir`: its shards' files and the states of the last submission's jobs. */
export function slurmStatus(dir: string, exec: SlurmExec): SlurmStatus {
  const manifest = readManifest(dir);
  const folder = runFolder(dir);
  const last = manifest.submissions[manifest.submissions.length - 1];
  const states = last ? jobStates(exec, [last.array, last.merge].filter((j) => j !== '')) : new Map<string, JobState>();
  const jobOf = (shard: number) => {
    for (const s of [...manifest.submissions].reverse()) {
      if (!s.tasks.includes(shard)) continue;
      const id = `${s.array}_${shard}`;
      const st = states.get(id);
      return st ? { id, ...st } : undefined;
    }
    return undefined;
  };
  const shards = readShards(folder, manifest.shards).map((f) => {
    const job = jobOf(f.shard);
    return job ? { ...f, job } : f;
  });
  const mergeState = last ? states.get(last.merge) : undefined;
  const active = (s?: JobState) => s !== undefined && ACTIVE_STATES.has(s.state);
  const finished = !last || (!active(mergeState) && last.tasks.every((t) => !active(states.get(`${last.array}_${t}`))));
  return { manifest, folder, shards, ...(last ? { merge: { id: last.merge, ...mergeState } } : {}), finished };
}

/** How to follow a run. */
export interface FollowOptions {
  exec: SlurmExec;
  events?: RunEvents;
  /** Aborting stops following; the jobs go on. */
  signal?: AbortSignal;
  /** Between two looks at the files and the queue (default 1000 ms). */
  pollMs?: number;
}

/** What following ended with. */
export interface FollowOutcome {
  status: SlurmStatus;
  /** The merged document, once the merge job of the last submission has written it. */
  doc?: RunDocument;
  /** True when the signal stopped the following before the jobs ended. */
  detached: boolean;
}

/** Waits `ms`, or less if `signal` aborts first; leaves no listener behind. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Follows the run in `dir`: one `onTrial` per trial that a shard finishes (the shard number as the
 * worker), a `log` line whenever a job changes state, until the last submission's jobs have all ended;
 * then returns the merged document if the merge job wrote one.
 */
export async function followSlurmRun(dir: string, opts: FollowOptions): Promise<FollowOutcome> {
  const events = opts.events ?? {};
  const log = logOf(events);
  let status = slurmStatus(dir, opts.exec);
  const { manifest } = status;
  const seen = new Set(status.shards.flatMap((s) => s.records.map((r) => r.id)));
  events.onPlan?.({
    total: manifest.trials,
    resumed: seen.size,
    cached: 0,
    carried: 0,
    toRun: manifest.trials - seen.size,
    workers: manifest.shards,
    epochs: { total: manifest.trials * manifest.epochs, done: seen.size * manifest.epochs },
  });
  const said = new Map<string, string>();
  const report = (s: SlurmStatus) => {
    for (const sh of s.shards) {
      for (const r of sh.records) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        events.onTrial?.(r, seen.size, manifest.trials, sh.shard);
      }
      if (sh.job && said.get(sh.job.id) !== sh.job.state) {
        said.set(sh.job.id, sh.job.state);
        log(`shard ${sh.shard}/${manifest.shards} (job ${sh.job.id}): ${sh.job.state}${sh.job.state === 'PENDING' && sh.job.reason ? ` (${sh.job.reason})` : ''}`);
      }
    }
    if (s.merge?.state && said.get(s.merge.id) !== s.merge.state) {
      said.set(s.merge.id, s.merge.state);
      log(`merge (job ${s.merge.id}): ${s.merge.state}`);
    }
  };
  report(status);
  while (!status.finished) {
    await sleep(opts.pollMs ?? 1000, opts.signal);
    if (opts.signal?.aborted) return { status, detached: true };
    try {
      status = slurmStatus(dir, opts.exec);
    } catch (e) {
      log(`warning: ${messageOf(e)}; looking again`); // a controller that does not answer for a moment
      continue;
    }
    report(status);
  }
  const last = manifest.submissions[manifest.submissions.length - 1];
  const merged = status.folder.merged;
  const fresh = fs.existsSync(merged) && (!last || fs.statSync(merged).mtimeMs >= Date.parse(last.submittedAt) - 1000);
  return { status, detached: false, ...(fresh ? { doc: readResults(merged) as RunDocument } : {}) };
}

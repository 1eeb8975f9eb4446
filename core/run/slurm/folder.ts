/**
 * The run folder of a Slurm run (`bench run SUITE --slurm`): where its scripts, shard results, logs and
 * merged results lie, and its manifest `slurm.json` (the suite, the shard count, every submission's job
 * ids), which `bench run --resume DIR` and `bench status DIR` read to pick the run up again. Files and
 * names only: it runs no Slurm command and knows nothing of training.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../util/errors';
import { readJsonFile } from '../../util/json';
import { writeFileAtomic } from '../../results/document';

/** The manifest's file name inside the run folder. */
export const MANIFEST = 'slurm.json';

/** One `sbatch` of the shards (all of them, or those a resume sent again) and the merge that follows it. */
export interface Submission {
  /** The array job's id. */
  array: string;
  /** The array's task ids: the shards it runs (1-based). */
  tasks: number[];
  /** The merge job's id (it depends on the array: `afterany`). */
  merge: string;
  submittedAt: string;
}

/** What `slurm.json` holds. */
export interface SlurmManifest {
  kind: 'bench-slurm-run';
  format: 1;
  suite: { name: string; file: string };
  /** The shard count: the array runs tasks 1..shards, task i running shard i/shards. */
  shards: number;
  /** Trials of the suite, all shards. */
  trials: number;
  /** Epochs of each trial (the suite's), for the progress's ETA. */
  epochs: number;
  createdAt: string;
  /** Oldest first; the last is the one to follow. */
  submissions: Submission[];
}

/** The paths of a run folder. */
export interface RunFolder {
  dir: string;
  manifest: string;
  shardScript: string;
  mergeScript: string;
  logs: string;
  /** The merged results document, written by the merge job. */
  merged: string;
  /** Shard i's results file (its trial log is `<file>.trials.jsonl`). */
  shardFile(i: number): string;
  /** Shard i's Slurm output (stdout and stderr of every attempt, appended). */
  shardLog(i: number): string;
  mergeLog: string;
}

/** The paths of the run folder `dir` (made absolute: the scripts run elsewhere). */
export function runFolder(dir: string): RunFolder {
  const d = path.resolve(dir);
  return {
    dir: d,
    manifest: path.join(d, MANIFEST),
    shardScript: path.join(d, 'shard.sbatch'),
    mergeScript: path.join(d, 'merge.sbatch'),
    logs: path.join(d, 'logs'),
    merged: path.join(d, 'results.json'),
    shardFile: (i) => path.join(d, `shard-${i}.json`),
    shardLog: (i) => path.join(d, 'logs', `shard-${i}.out`),
    mergeLog: path.join(d, 'logs', 'merge.out'),
  };
}

/** True when `dir` is a folder holding a Slurm run's manifest. */
export function isSlurmRun(dir: string): boolean {
  return fs.existsSync(path.join(dir, MANIFEST)) && fs.statSync(dir).isDirectory();
}

/** The manifest of the run in `dir`; an InputError when there is none or it is not one. */
export function readManifest(dir: string): SlurmManifest {
  const f = runFolder(dir).manifest;
  if (!fs.existsSync(f)) throw new InputError(`${dir}: not a Slurm run folder (no ${MANIFEST}); bench run SUITE --slurm makes one`);
  const m = readJsonFile(f) as Partial<SlurmManifest>;
  if (m.kind !== 'bench-slurm-run' || m.format !== 1 || !Array.isArray(m.submissions) || typeof m.shards !== 'number') {
    throw new InputError(`${f}: not a bench Slurm manifest`);
  }
  return m as SlurmManifest;
}

/** Writes the manifest atomically (a reader never sees half of it). */
export function writeManifest(dir: string, m: SlurmManifest): void {
  writeFileAtomic(runFolder(dir).manifest, `${JSON.stringify(m, null, 2)}\n`);
}

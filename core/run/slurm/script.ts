/**
 * The two batch scripts of a Slurm run, as text: the shard array (task i runs `bench run SUITE --shard
 * i/N` into the run folder, or resumes its shard when an earlier attempt left a file) and the merge job
 * (`bench merge --partial` of whatever the shards wrote, so a failed shard still leaves a merged partial
 * document naming it). It also reads the user's `--sbatch "..."` options into `#SBATCH` lines, and says
 * how to start bench on a node. Pure text: it submits nothing and reads no file.
 */
import * as path from 'node:path';
import type { DataLimits } from '../../results/run-info';
import { InputError } from '../../util/errors';
import { CODE_ROOT, PACKAGE_ROOT } from '../../util/paths';
import type { RunFolder } from './folder';

/** How each shard trains: what `bench run --slurm` passes on to every shard's `bench run`. */
export interface ShardTraining {
  backend: string;
  /** Trials at once per shard (default: the task's CPUs). */
  workers?: number;
  /** TensorFlow threads per worker (default: the task's CPUs over the workers). */
  threads?: number;
  dataDir?: string;
  cacheDir?: string;
  /** A results file whose measured times balance the shards. */
  shardCosts?: string;
}

/** What the scripts run: the suite, how to train it, and where. */
export interface ScriptInput extends ShardTraining {
  folder: RunFolder;
  /** The folder the scripts `cd` to (where `bench run --slurm` was called). */
  cwd: string;
  suiteFile: string;
  suiteName: string;
  shards: number;
  /** `--set` overrides, passed to each shard's first attempt (a resumed shard takes the suite from its file). */
  set: readonly string[];
  /** The suite loads plugin modules: a resumed shard with overrides must be allowed to load them from its file. */
  plugins: boolean;
  /** The command that starts bench on a node (`benchCommand()`). */
  bench: readonly string[];
  dataLimits: DataLimits;
  /** `#SBATCH` option lines from `--sbatch` (`parseSbatchOptions`). */
  sbatch: readonly string[];
}

/** Quotes `s` for bash (single quotes; a single quote inside is closed, escaped and reopened). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const MANAGED = new Set(['--array', '-a', '--dependency', '-d', '--output', '-o', '--error', '-e', '--open-mode', '--parsable', '--wrap']);

/**
 * `--sbatch "--partition=debug --time=1:00:00 -A proj"` as `#SBATCH` lines, one per option (a short
 * option takes the word after it). Quotes group words as in a shell. Options that bench sets itself
 * (the array, the dependency, the output files) are refused with an InputError.
 */
export function parseSbatchOptions(text: string | undefined): string[] {
  if (!text?.trim()) return [];
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!));
  const lines: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-')) throw new InputError(`--sbatch: "${w}" is not an option (options start with -)`);
    const name = w.split('=')[0]!;
    if (MANAGED.has(name)) throw new InputError(`--sbatch: bench sets ${name} itself (the shard array, the merge's dependency and the logs in the run folder)`);
    const shortWithValue = /^-[A-Za-z]$/.test(w) && i + 1 < words.length && !words[i + 1]!.startsWith('-');
    lines.push(shortWithValue ? `${w} ${shellQuote(words[++i]!)}` : shellQuote(w));
  }
  return lines;
}

/** True when the `#SBATCH` lines set the CPUs per task themselves. */
const setsCpus = (lines: readonly string[]) => lines.some((l) => /^(--cpus-per-task\b|-c\b)/.test(l));

/**
 * How a node starts this bench: `node bin/bench.js` of this checkout when compiled, or the TypeScript
 * sources through ts-node when bench itself runs from them (the tests).
 */
export function benchCommand(): string[] {
  if (path.extname(__filename) !== '.ts') return [process.execPath, path.join(PACKAGE_ROOT, 'bin', 'bench.js')];
  const main = path.join(CODE_ROOT, 'core', 'cli', 'main');
  return [
    process.execPath,
    '-r',
    require.resolve('ts-node/register/transpile-only'),
    '-e',
    `require(${JSON.stringify(main)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`,
  ];
}

const q = shellQuote;

/** The environment lines every script starts with: bench's test-only data limits, as the client has them. */
function limitLines(l: DataLimits): string[] {
  return [
    l.train !== undefined ? `export BENCH_TRAIN_LIMIT=${l.train}` : 'unset BENCH_TRAIN_LIMIT',
    l.test !== undefined ? `export BENCH_TEST_LIMIT=${l.test}` : 'unset BENCH_TEST_LIMIT',
  ];
}

/** The shard array's script: task i trains shard i/N, or finishes it when an earlier attempt left its file. */
export function shardScript(s: ScriptInput): string {
  const f = s.folder;
  const common = [
    ...(s.dataDir !== undefined ? ['--data-dir', q(path.resolve(s.dataDir))] : []),
    ...(s.cacheDir !== undefined ? ['--cache-dir', q(path.resolve(s.cacheDir))] : []),
    '--backend',
    q(s.backend),
    '--workers',
    '"$workers"',
    '--threads',
    '"$threads"',
  ].join(' ');
  const first = [
    q(path.resolve(s.suiteFile)),
    '--shard',
    `"$shard/${s.shards}"`,
    '--out',
    '"$out"',
    ...s.set.flatMap((o) => ['--set', q(o)]),
    ...(s.shardCosts !== undefined ? ['--shard-costs', q(path.resolve(s.shardCosts))] : []),
  ].join(' ');
  // Resuming with overrides: the suite as overridden is the one in the shard's file, not the suite file.
  const resumeSuite = s.set.length > 0 ? (s.plugins ? '--trust-plugins ' : '') : `${q(path.resolve(s.suiteFile))} `;
  return [
    '#!/bin/bash',
    `# bench: suite ${s.suiteName} in ${s.shards} shards, one per array task (written by bench run --slurm;`,
    '# bench run --resume on the run folder submits the unfinished tasks again).',
    `#SBATCH --job-name=${q(`bench-${s.suiteName}`)}`,
    `#SBATCH --array=1-${s.shards}`,
    ...(setsCpus(s.sbatch) ? [] : ['#SBATCH --cpus-per-task=1']),
    `#SBATCH --output=${q(f.logs)}/shard-%a.out`,
    '#SBATCH --open-mode=append',
    '#SBATCH --signal=B:TERM@120',
    ...s.sbatch.map((l) => `#SBATCH ${l}`),
    'set -euo pipefail',
    `cd ${q(s.cwd)}`,
    ...limitLines(s.dataLimits),
    'shard="$SLURM_ARRAY_TASK_ID"',
    `out=${q(f.dir)}/shard-"$shard".json`,
    'cpus="${SLURM_CPUS_PER_TASK:-1}"',
    `workers=${s.workers ?? '"$cpus"'}`,
    `threads=${s.threads ?? '$(( cpus / workers > 0 ? cpus / workers : 1 ))'}`,
    `bench=(${s.bench.map(q).join(' ')})`,
    'echo "== shard $shard/' + s.shards + ', job ${SLURM_JOB_ID:-?} on $(hostname), $(date -u +%FT%TZ)"',
    'if [ -e "$out" ] || [ -e "$out.trials.jsonl" ]; then',
    '  # Slurm runs one attempt of a task at a time: a lock left here is from an attempt that was killed.',
    '  rm -f "$out.lock"',
    `  exec "\${bench[@]}" run ${resumeSuite}--resume "$out" ${common}`,
    'fi',
    `exec "\${bench[@]}" run ${first} ${common}`,
    '',
  ].join('\n');
}

/** The merge job's script: `bench merge --partial` of the shard files that exist, into the run folder. */
export function mergeScript(s: ScriptInput): string {
  const f = s.folder;
  return [
    '#!/bin/bash',
    `# bench: merges the shards of suite ${s.suiteName} once the array has ended, however it ended (afterany).`,
    `#SBATCH --job-name=${q(`bench-${s.suiteName}-merge`)}`,
    ...(setsCpus(s.sbatch) ? [] : ['#SBATCH --cpus-per-task=1']),
    `#SBATCH --output=${q(f.mergeLog)}`,
    '#SBATCH --open-mode=append',
    ...s.sbatch.filter((l) => !/^(--cpus-per-task\b|-c\b)/.test(l)).map((l) => `#SBATCH ${l}`),
    'set -uo pipefail',
    `cd ${q(s.cwd)}`,
    'shopt -s nullglob',
    `files=(${q(f.dir)}/shard-*.json)`,
    'echo "== merge of ${#files[@]} shard file(s), job ${SLURM_JOB_ID:-?}, $(date -u +%FT%TZ)"',
    `[ \${#files[@]} -gt 0 ] || { echo "bench: no shard wrote a results file; see ${f.logs}/shard-*.out"; exit 1; }`,
    `bench=(${s.bench.map(q).join(' ')})`,
    `exec "\${bench[@]}" merge "\${files[@]}" --partial --force --out ${q(f.merged)}`,
    '',
  ].join('\n');
}

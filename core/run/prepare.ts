/**
 * From what a command line asks for to a run that can start: the suite (its file with `--set` overrides,
 * or the suite of the results file being resumed), the results file (`--out`, the resumed file, or a new
 * name under results/), the backend (`auto` resuming takes the resumed run's), the shard, and the lock
 * on the results file, and the measured costs that balance the shards (`--shard-costs`). Every refusal is an InputError before any training. It parses no argv and prints
 * nothing; it trains nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BACKEND_CHOICES, type BackendChoice } from '../backends/choices';
import { InputError } from '../util/errors';
import { readJsonFile } from '../util/json';
import { checkOutputFile, checkOutputFolder } from '../util/output-path';
import { readResults } from '../results/document';
import { acquireResultsLock, type ResultsLock } from '../results/results-lock';
import { type CostModel, measuredCosts } from '../suite/cost';
import { loadSuite, resolveSuite, type Suite } from '../suite/load';
import { applyOverrides, parseOverride } from '../suite/overrides';
import { resolveShard, type Shard } from '../suite/shard';
import { type PreviousRun, readPreviousRun } from './resume';

/** A run as a command line asks for it (`bench run`'s options). */
export interface RunRequest {
  /** The suite file; optional with `resume` (the suite then comes from the results file). */
  suite?: string;
  /** `--set PATH=VALUE[,VALUE...]` overrides of the suite file; refused with `resume`. */
  set?: string[];
  /** An interrupted run to finish: its results file or its `.trials.jsonl` log. */
  resume?: string;
  /** The results file (default `results/<suite>-<time>.json`; with `resume`, the resumed file). */
  out?: string;
  /** Resuming without `suite`: load the plugin modules that the results file's suite names. */
  trustPlugins?: boolean;
  backend: BackendChoice;
  /** `i/n`, or `auto` (from the environment of a CI matrix, Kubernetes Indexed Job or Slurm array). */
  shard?: string;
  /** The result cache folder (checked here, before any work). */
  cacheDir?: string;
  /** A results file whose measured times balance the shards (default: estimated costs). */
  shardCosts?: string;
}

/** What the run is: the suite, where it writes, its backend, shard and the run it resumes. */
export interface PreparedRun {
  suite: Suite;
  out: string;
  backend: BackendChoice;
  shard?: Shard;
  /** The trials' costs from `shardCosts`, when given. */
  costs?: CostModel;
  resume?: PreviousRun;
}

/** Resolves `req` into a run (see the module comment); an InputError for any request that cannot run. */
export function prepareRun(req: RunRequest): PreparedRun {
  const shard = req.shard !== undefined ? resolveShard(req.shard) : undefined;
  const prepared = req.resume !== undefined ? prepareResume(req, req.resume) : prepareNew(req, shard);
  if (req.cacheDir !== undefined) checkOutputFolder(req.cacheDir, '--cache-dir');
  const costs = req.shardCosts !== undefined ? measuredCosts(readResults(req.shardCosts).trials, req.shardCosts) : undefined;
  return { ...prepared, shard, ...(costs ? { costs } : {}) };
}

function prepareResume(req: RunRequest, resume: string): Omit<PreparedRun, 'shard' | 'costs'> {
  const prev = readPreviousRun(resume);
  if (req.out !== undefined && path.resolve(req.out) !== path.resolve(prev.file)) {
    throw new InputError(`--out ${req.out}: a resumed run writes back to ${prev.file}; leave --out out`);
  }
  checkOutputFile(prev.file, '--resume');
  if (req.set?.length) throw new InputError('--set: a resumed run keeps the suite it was started with; leave --set out');
  if (req.suite === undefined) refuseNamedPlugins(resume, prev.suite.spec.plugins ?? [], req.trustPlugins ?? false);
  const suite = req.suite !== undefined ? loadSuite(req.suite) : resolveSuite(prev.suite.spec, prev.suite.file);
  const backend = req.backend === 'auto' && (BACKEND_CHOICES as readonly string[]).includes(prev.backend) ? (prev.backend as BackendChoice) : req.backend;
  return { suite, out: prev.file, backend, resume: prev };
}

function prepareNew(req: RunRequest, shard: Shard | undefined): Omit<PreparedRun, 'shard' | 'costs'> {
  if (req.suite === undefined) throw new InputError('name a suite file, or --resume FILE to finish an interrupted run');
  const suite = loadRequestedSuite(req.suite, req.set);
  const out = req.out ?? defaultOut(suite.spec.name, shard);
  if (req.out === undefined) checkOutputFolder(path.dirname(out), 'the results folder', { create: true });
  checkOutputFile(out, '--out');
  return { suite, out, backend: req.backend };
}

/** The suite file with its `--set` overrides applied (an InputError for a bad file or override). */
export function loadRequestedSuite(file: string, set: readonly string[] | undefined): Suite {
  return set?.length ? resolveSuite(applyOverrides(readJsonFile(file), set.map(parseOverride)), file) : loadSuite(file);
}

/**
 * Resuming without the suite: the suite comes from the results file, whose plugin modules would run as
 * code. bench loads them only when the request says so (`trustPlugins`); else an InputError naming them.
 */
function refuseNamedPlugins(file: string, plugins: string[], trusted: boolean): void {
  if (plugins.length === 0 || trusted) return;
  throw new InputError(
    `--resume ${file}: its suite loads plugin modules (${plugins.join(', ')}), and bench does not run code named by a results file: ` +
      `pass the suite again (bench run SUITE --resume ${file}), or add --trust-plugins to load them`,
  );
}

/** `results/<suite>-<timestamp>.json` under the current directory (with the shard when there is one). */
function defaultOut(suiteName: string, shard?: Shard): string {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
  return path.join('results', `${suiteName}-${stamp}${shard ? `-shard${shard.index}of${shard.count}` : ''}.json`);
}

/**
 * Takes the lock of the run's results file (core/results/results-lock.ts; a stale one is taken over with
 * a note through `log`), and refuses to overwrite an existing file of a new run without `force`.
 */
export function holdResultsFile(run: PreparedRun, opts: { force?: boolean; log?: (line: string) => void }): ResultsLock {
  const lock = acquireResultsLock(run.out, opts.log);
  if (!run.resume && fs.existsSync(run.out) && !opts.force) {
    lock.release();
    throw new InputError(`${run.out} exists; pass --force to overwrite it or --out to choose another file`);
  }
  return lock;
}

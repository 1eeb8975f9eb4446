import * as fs from 'node:fs';
import * as path from 'node:path';
import { BACKEND_CHOICES, type BackendChoice } from '../../backends/choices';
import { InputError } from '../../util/errors';
import { checkOutputFile, checkOutputFolder } from '../../util/output-path';
import type { PreviousRun } from '../../run/run-suite';
import { acquireResultsLock } from '../../results/results-lock';
import type { Shard } from '../../suite/shard';
import type { Suite } from '../../suite/load';
import type { CommandModule } from '../command';
import type { IO } from '../io';
import { threadsOption, wholeNumberOption } from '../options';

interface Args {
  suite?: string;
  out?: string;
  backend: BackendChoice;
  dataDir?: string;
  threads?: number;
  force: boolean;
  workers?: number;
  shard?: string;
  resume?: string;
  cacheDir?: string;
  set?: string[];
  defaults: boolean;
  trustPlugins: boolean;
}

/**
 * Resuming without the suite: the suite comes from the results file, whose plugin modules would run as
 * code. bench loads them only when this command line says so (--trust-plugins); else exit 2 naming them.
 */
function refuseNamedPlugins(file: string, plugins: string[], trusted: boolean): void {
  if (plugins.length === 0 || trusted) return;
  throw new InputError(
    `--resume ${file}: its suite loads plugin modules (${plugins.join(', ')}), and bench does not run code named by a results file: ` +
      `pass the suite again (bench run SUITE --resume ${file}), or add --trust-plugins to load them`,
  );
}

/** `results/<suite>-<timestamp>.json` under the current directory (with the shard when there is one). */
function defaultOut(suiteName: string, shard?: { index: number; count: number }): string {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
  return path.join('results', `${suiteName}-${stamp}${shard ? `-shard${shard.index}of${shard.count}` : ''}.json`);
}

/** Exit codes of a run stopped by a signal: 128 + the signal's number, as shells report them. */
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/** Reads a suite file, applies the --set overrides to its JSON, then validates it. */
async function loadSuiteWithOverrides(file: string, sets: string[]) {
  const [{ loadSuite, resolveSuite }, { applyOverrides, parseOverride }, { readJsonFile }] = await Promise.all([
    import('../../suite/load'),
    import('../../suite/overrides'),
    import('../../util/json'),
  ]);
  if (sets.length === 0) return loadSuite(file);
  const overrides = sets.map(parseOverride);
  return resolveSuite(applyOverrides(readJsonFile(file), overrides), file);
}

const run: CommandModule<Args> = {
  command: 'run [suite]',
  describe: 'Train every configuration of a suite for each seed; print the ranked table; write results JSON',
  builder: (y) =>
    wholeNumberOption(
      threadsOption(y, 'TensorFlow intra-op threads per worker (native backend; default cores / workers)'),
      'workers',
      'trials trained at once, each in its own process (default: the number of cores); 1 trains in the bench process',
    )
      .positional('suite', { type: 'string', describe: 'suite JSON file (optional with --resume)' })
      .option('out', { type: 'string', describe: 'results file (default results/<suite>-<timestamp>.json); its trial log is <out>.trials.jsonl' })
      .option('backend', { choices: BACKEND_CHOICES, default: 'auto' as BackendChoice, describe: 'auto: native TensorFlow if it loads, else wasm' })
      .option('data-dir', { type: 'string', describe: 'datasets directory (default $BENCH_DATA_DIR or ~/.cache/bench/data)' })
      .option('shard', { type: 'string', describe: 'run only shard i/n of the trials (1 <= i <= n), or "auto" from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or BENCH_SHARD' })
      .option('resume', { type: 'string', describe: 'finish an interrupted run: its results file (or its .trials.jsonl log)' })
      .option('cache-dir', { type: 'string', describe: 'reuse results of trials with the same id, data checksum, code version and backend from this directory, and store new ones there' })
      .option('set', { type: 'string', array: true, describe: 'override a suite value, or sweep an optimizer hyper-parameter: PATH=VALUE[,VALUE...] (repeatable)' })
      .option('defaults', { type: 'boolean', default: false, describe: 'tuning suites: also run each tuned optimizer untuned on the same seeds and print that ranking beside the tuned one' })
      .option('trust-plugins', { type: 'boolean', default: false, describe: 'with --resume FILE and no suite: load the plugin modules that FILE\'s suite names (they run as code)' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing results file' })
      .example('$0 run suites/quick.json', 'SGD against Adam on LeNet-5, embedded MNIST')
      .example('$0 run suites/quick.json --workers 2 --out results/quick.json', 'two trials at a time')
      .example('$0 run suites/quick.json --set optimizer.adam.lr=0.001,0.01 --set epochs=3', 'sweep Adam\'s learning rate, 3 epochs, without editing the file')
      .example('$0 run --resume results/quick.json', 'finish a run stopped by Ctrl-C or a crash')
      .example('$0 run suites/quick.json --shard 2/4 --out shard2.json', 'the second of four shards (then: bench merge shard*.json --out all.json)')
      .epilog('Exit codes: 0 ok (diverged or timed-out trials included), 1 a trial failed, 2 bad input, 130/143 stopped by SIGINT/SIGTERM (the results file is valid, complete: false).'),
  async run(args, io) {
    const [{ loadSuite, resolveSuite }, { readPreviousRun }, { resolveShard }] = await Promise.all([import('../../suite/load'), import('../../run/run-suite'), import('../../suite/shard')]);
    const shard = args.shard !== undefined ? resolveShard(args.shard) : undefined;
    const prev = args.resume !== undefined ? readPreviousRun(args.resume) : undefined;
    let out: string;
    let backend = args.backend;
    let suite: Suite;
    if (prev) {
      if (args.out !== undefined && path.resolve(args.out) !== path.resolve(prev.file)) {
        throw new InputError(`--out ${args.out}: a resumed run writes back to ${prev.file}; leave --out out`);
      }
      out = prev.file;
      checkOutputFile(out, '--resume');
      if (args.set?.length) throw new InputError('--set: a resumed run keeps the suite it was started with; leave --set out');
      if (args.suite === undefined) refuseNamedPlugins(args.resume ?? prev.file, prev.suite.spec.plugins ?? [], args.trustPlugins);
      suite = args.suite !== undefined ? loadSuite(args.suite) : resolveSuite(prev.suite.spec, prev.suite.file);
      if (backend === 'auto' && (BACKEND_CHOICES as readonly string[]).includes(prev.backend)) backend = prev.backend as BackendChoice;
    } else {
      if (args.suite === undefined) throw new InputError('name a suite file, or --resume FILE to finish an interrupted run');
      suite = await loadSuiteWithOverrides(args.suite, args.set ?? []);
      out = args.out ?? defaultOut(suite.spec.name, shard);
      if (args.out === undefined) checkOutputFolder(path.dirname(out), 'the results folder', { create: true });
      checkOutputFile(out, '--out');
    }
    if (args.cacheDir !== undefined) checkOutputFolder(args.cacheDir, '--cache-dir');
    const lock = acquireResultsLock(out, (line) => io.err(line));
    try {
      if (!prev && fs.existsSync(out) && !args.force) {
        throw new InputError(`${out} exists; pass --force to overwrite it or --out to choose another file`);
      }
      return await train(suite, out, { ...args, backend }, prev, shard, io);
    } finally {
      lock.release();
    }
  },
};

/** Trains `suite` into `out` (its lock held), prints the ranking; returns the exit code. */
async function train(suite: Suite, out: string, args: Args, prev: PreviousRun | undefined, shard: Shard | undefined, io: IO): Promise<number> {
  const [runner, { defaultDataDir }, { rankingTable }, progress, { withRanking }, { describeRanking }] = await Promise.all([
    import('../../run/run-suite'),
    import('../../data/dataset'),
    import('../../report/table'),
    import('../progress'),
    import('../../results/document'),
    import('../../analysis/ranking'),
  ]);
  for (const b of suite.registry.broken) io.err(`warning: plugin module ${b.source} is broken: ${b.error}`);
  const workers = args.workers ?? runner.defaultWorkers();

  const sink = io.errIsTTY ? progress.barProgress(process.stderr) : progress.plainProgress((l) => io.err(l));
  const controller = new AbortController();
  let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (sig: 'SIGINT' | 'SIGTERM') => () => {
    if (stoppedBy) return;
    stoppedBy = sig;
    sink.log(`${sig}: stopping; trials in flight are dropped`);
    controller.abort();
  };
  const handlers = { SIGINT: onSignal('SIGINT'), SIGTERM: onSignal('SIGTERM') };
  // With workers this process only waits on them, so it handles a signal at once: it stops them and
  // writes the partial document. With --workers 1 the training loop runs here and does not yield to
  // the event loop during a trial, so a handler would delay Ctrl-C until the trial ends; the default
  // action stops at once instead, and the files on disk are valid at every moment anyway.
  if (workers > 1) {
    process.once('SIGINT', handlers.SIGINT);
    process.once('SIGTERM', handlers.SIGTERM);
  }
  const { hasSearch } = await import('../../search/run');
  if (args.defaults && !hasSearch(suite.spec)) throw new InputError('--defaults: the suite has no search; its ranking is already the untuned one');
  sink.log(`${suite.spec.name}: ${hasSearch(suite.spec) ? 'a hyper-parameter search, then the chosen configurations rerun on the seeds' : `${suite.trials.length} trials`}${shard ? `, shard ${shard.index}/${shard.count}` : ''}`);
  sink.log(`results: ${out}, rewritten after each trial; if the run is stopped, finish it with: bench run --resume ${out}`);
  let doc;
  try {
    const { runTuning } = await import('../../search/run');
    doc = await (hasSearch(suite.spec) ? runTuning : runner.runSuite)(suite, {
      backend: args.backend,
      dataDir: args.dataDir ?? defaultDataDir(),
      out,
      threads: args.threads,
      workers,
      shard,
      resume: prev,
      cacheDir: args.cacheDir,
      defaults: args.defaults,
      signal: controller.signal,
      log: (line) => sink.log(line),
      onPlan: (p) => sink.plan(p, p.total * suite.spec.epochs, (p.resumed + p.cached) * suite.spec.epochs),
      onTrialStart: (t, w) => sink.trialStart(t, w),
      onEpoch: (t, e, w) => sink.epoch(t, e, w),
      onTrial: (r, done, total, w) => sink.trialDone(r, done, total, w),
    });
  } finally {
    sink.stop();
    process.removeListener('SIGINT', handlers.SIGINT);
    process.removeListener('SIGTERM', handlers.SIGTERM);
  }
  // The ranking with the suite's options (rankBy, target), as written to the results file.
  io.out(rankingTable(withRanking(doc).ranking, { color: io.isTTY }));
  io.out(describeRanking(suite.spec));
  if (doc.selection) {
    const { selectionTable, tuneabilityTable } = await import('../../search/select');
    io.out(selectionTable(doc.selection));
    io.out('Ranked: the final trials (each chosen configuration rerun on its search block\'s seeds, default: the suite\'s); an entry whose search trials all failed, diverged or timed out ranks last as "(search: none finished)".');
    const curves = tuneabilityTable(doc.selection);
    if (curves) io.out(curves);
    const untuned = doc.trials.filter((t) => t.phase === 'defaults');
    if (untuned.length > 0) {
      const { rankConfigurations } = await import('../../analysis/ranking');
      io.out('Untuned (--defaults): the tuned optimizers as written, on the same seeds:');
      io.out(rankingTable(rankConfigurations(untuned, suite.spec), { color: io.isTTY }));
    }
  }
  io.out(`results: ${out}`);
  if (stoppedBy) {
    io.err(
      `stopped by ${stoppedBy}: ${doc.trials.length} of ${doc.run.plannedTrials.length} trials done; ${out} is valid and marked incomplete; ` +
        `finish it with: bench run --resume ${out}`,
    );
    return SIGNAL_EXIT[stoppedBy];
  }
  return doc.trials.some((t) => t.status === 'failed') ? 1 : 0;
}

export default run;

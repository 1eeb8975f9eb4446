/**
 * `bench run`: parses its options, calls core/search/execute.ts's `executeSuite` (which prepares, locks,
 * handles signals and runs the suite, plain or tuned), and prints: progress on stderr (core/cli/progress.ts),
 * then the ranked table, the tuning tables and the exit code. The run's logic is the library's.
 */
import type { BackendChoice } from '../../backends/choices';
import type { RunEvents } from '../../run/events';
import type { Execution } from '../../search/execute';
import type { CommandModule } from '../command';
import type { IO } from '../io';
import type { ProgressSink } from '../progress';
import { backendOptions, dataDirOption, jsonOption, outputFolderOption, wholeNumberOption } from '../options';
import { type StatsArgs, statsOf, statsOptions } from '../stats-options';

interface Args extends StatsArgs {
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
  json: boolean;
  seedsUntilSeparated?: number;
}

const SEQUENTIAL =
  "after the suite's seeds, add seeds one at a time to the configurations still tied with the best until it is separated or they have this many (alpha spent over the looks by Bonferroni; docs/statistics.md)";

/** The run's events drawn on a progress sink. */
function progressEvents(sink: ProgressSink): RunEvents {
  return {
    log: (line) => sink.log(line),
    onPlan: (p) => sink.plan(p, p.epochs.total, p.epochs.done),
    onTrialStart: (t, w) => sink.trialStart(t, w),
    onEpoch: (t, e, w) => sink.epoch(t, e, w),
    onTrial: (r, done, total, w) => sink.trialDone(r, done, total, w),
  };
}

const run: CommandModule<Args> = {
  command: 'run [suite]',
  describe: 'Train every configuration of a suite for each seed; print the ranked table; write results JSON',
  builder: (y) =>
    wholeNumberOption(
      outputFolderOption(
        dataDirOption(backendOptions(jsonOption(wholeNumberOption(statsOptions(y), 'seeds-until-separated', SEQUENTIAL), 'print one JSON summary on stdout (results file, complete, trials by status, ranking) instead of the tables'), { default: 'auto', perWorker: true })),
        'cache-dir',
        'reuse results of trials with the same id, data checksum, code version, backend and machine from this directory, and store new ones there',
      ),
      'workers',
      'trials trained at once, each in its own process (default: the number of cores); 1 trains in the bench process',
    )
      .positional('suite', { type: 'string', describe: 'suite JSON file (optional with --resume)' })
      .option('out', { type: 'string', describe: 'results file (default results/<suite>-<timestamp>.json); its trial log is <out>.trials.jsonl' })
      .option('shard', { type: 'string', describe: 'run only shard i/n of the trials (1 <= i <= n), or "auto" from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or BENCH_SHARD' })
      .option('resume', { type: 'string', describe: 'finish an interrupted run: its results file (or its .trials.jsonl log)' })
      .option('set', { type: 'string', array: true, describe: 'override a suite value, or sweep an optimizer hyper-parameter: PATH=VALUE[,VALUE...] (repeatable)' })
      .option('defaults', { type: 'boolean', default: false, describe: 'tuning suites: also run each tuned optimizer untuned on the same seeds and print that ranking beside the tuned one' })
      .option('trust-plugins', { type: 'boolean', default: false, describe: 'with --resume FILE and no suite: load the plugin modules that FILE\'s suite names (they run as code)' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing results file' })
      .example('$0 run suites/quick.json', 'SGD against Adam on LeNet-5, embedded MNIST')
      .example('$0 run suites/quick.json --workers 2 --out results/quick.json', 'two trials at a time')
      .example('$0 run suites/quick.json --set optimizer.adam.lr=0.001,0.01 --set epochs=3', 'sweep Adam\'s learning rate, 3 epochs, without editing the file')
      .example('$0 run suites/quick.json --seeds-until-separated 10', 'more seeds only where the best is not yet separated, up to 10')
      .example('$0 run suites/quick.json --test welch --correction none', 'rank with other statistics (as bench report takes them; docs/statistics.md)')
      .example('$0 run suites/quick.json --json > summary.json', 'the summary for a script; progress stays on stderr')
      .example('$0 run --resume results/quick.json', 'finish a run stopped by Ctrl-C or a crash')
      .example('$0 run suites/quick.json --shard 2/4 --out shard2.json', 'the second of four shards (then: bench merge shard*.json --out all.json)')
      .epilog('Exit codes: 0 ok (diverged or timed-out trials included), 1 a trial failed, 2 bad input, 130/143 stopped by SIGINT/SIGTERM (the results file is valid, complete: false).'),
  async run(args, io) {
    const [{ executeSuite }, progress, { dataLimitsFromEnv }] = await Promise.all([import('../../search/execute'), import('../progress'), import('../test-limits')]);
    const dataLimits = dataLimitsFromEnv();
    const sink = io.errIsTTY ? progress.barProgress(process.stderr) : progress.plainProgress((l) => io.err(l));
    let run: Execution;
    try {
      run = await executeSuite({
        suite: args.suite,
        set: args.set,
        resume: args.resume,
        out: args.out,
        force: args.force,
        trustPlugins: args.trustPlugins,
        backend: args.backend,
        shard: args.shard,
        cacheDir: args.cacheDir,
        dataDir: args.dataDir,
        threads: args.threads,
        workers: args.workers,
        defaults: args.defaults,
        dataLimits,
        stopOnSignals: true,
        events: progressEvents(sink),
        stats: statsOf(args),
        seedsUntilSeparated: args.seedsUntilSeparated,
      });
    } finally {
      sink.stop();
    }
    return print(run, io, args.json);
  },
};

/** Prints the ranking (and a tuning run's selection) on stdout, or with `json` the run's summary; returns the exit code. */
async function print(run: Execution, io: IO, json: boolean): Promise<number> {
  const { out, doc, stoppedBy } = run;
  const { SIGNAL_EXIT } = await import('../../run/signals');
  if (json) {
    const { runSummary } = await import('../../results/summary');
    io.out(JSON.stringify(runSummary(doc, out, stoppedBy), null, 2));
  } else {
    await printTables(run, io);
  }
  if (stoppedBy) {
    io.err(
      `stopped by ${stoppedBy}: ${doc.trials.length} of ${doc.run.plannedTrials.length} trials done; ${out} is valid and marked incomplete; ` +
        `finish it with: bench run --resume ${out}`,
    );
    return SIGNAL_EXIT[stoppedBy];
  }
  return doc.trials.some((t) => t.status === 'failed') ? 1 : 0;
}

/** The ranked table, how it was ranked (the note with the test-set error), a tuning run's selection and the results path. */
async function printTables({ out, doc }: Execution, io: IO): Promise<void> {
  const [{ rankingTable }, { rankOptionsOf, withRanking }, { describeRanking, rankConfigurations }] = await Promise.all([
    import('../../report/table'),
    import('../../results/document'),
    import('../../analysis/ranking'),
  ]);
  const color = io.color === true;
  // The ranking with the suite's options (rankBy, target) and the run's statistics, as written to the results file.
  const opts = rankOptionsOf(doc);
  const { ranking } = withRanking(doc);
  io.out(rankingTable(ranking, { color }));
  io.out(describeRanking(opts, new Set(ranking.map((e) => `${e.model}/${e.dataset}`)).size, ranking));
  if (doc.run.sequential) io.out((await import('../../analysis/sequential')).describeSequential(doc.run.sequential));
  if (doc.selection) {
    const { selectionTable, tuneabilityTable } = await import('../../search/select');
    io.out(selectionTable(doc.selection));
    io.out('Ranked: the final trials (each chosen configuration rerun on its search block\'s seeds, default: the suite\'s); an entry whose search trials all failed, diverged or timed out ranks last as "(search: none finished)".');
    const curves = tuneabilityTable(doc.selection);
    if (curves) io.out(curves);
    const untuned = doc.trials.filter((t) => t.phase === 'defaults');
    if (untuned.length > 0) {
      io.out('Untuned (--defaults): the tuned optimizers as written, on the same seeds:');
      io.out(rankingTable(rankConfigurations(untuned, opts), { color }));
    }
  }
  io.out(`results: ${out}`);
}

export default run;

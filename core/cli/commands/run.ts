/**
 * `bench run`: parses its options, starts the worker processes early (core/run/prestart.ts), calls
 * core/search/execute.ts's `executeSuite` (which prepares, locks, handles signals and runs the suite,
 * plain or tuned) or, with --slurm, core/cli/slurm.ts; prints progress on stderr (core/cli/progress.ts),
 * then the tables or the JSON summary and the exit code (core/cli/run-output.ts). The run's logic is the library's.
 */
import type { BackendChoice } from '../../backends/choices';
import type { RunEvents } from '../../run/events';
import type { Execution } from '../../search/execute';
import type { CommandModule } from '../command';
import type { ProgressSink } from '../progress';
import { backendOptions, dataDirOption, jsonOption, outputFolderOption, wholeNumberOption } from '../options';
import { printRun } from '../run-output';
import { InputError } from '../../util/errors';
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
  shardCosts?: string;
  slurm: boolean;
  shards?: number;
  sbatch?: string;
  wait: boolean;
  dryRun: boolean;
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
      .option('shard-costs', { type: 'string', describe: 'balance the shards by the times measured in this earlier results file (default: estimated FLOPs)' })
      .option('slurm', { type: 'boolean', default: false, describe: 'submit to Slurm: an array job of --shards shards and a merge job after it (afterany), into the run folder --out' })
      .option('shards', { type: 'number', describe: 'with --slurm: array tasks, one shard each (default 4, at most one per trial)' })
      .option('sbatch', { type: 'string', describe: 'with --slurm: more sbatch options for both jobs, e.g. "--partition=gpu --time=2:00:00 --cpus-per-task=4"' })
      .option('wait', { type: 'boolean', default: true, describe: 'with --slurm or --resume DIR: follow the jobs, one line per finished trial, then print the merged table (--no-wait: return once submitted)' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'with --slurm: print the split and the two scripts; write and submit nothing' })
      .example('$0 run suites/quick.json', 'SGD against Adam on LeNet-5, embedded MNIST')
      .example('$0 run suites/quick.json --workers 2 --out results/quick.json', 'two trials at a time')
      .example('$0 run suites/quick.json --set optimizer.adam.lr=0.001,0.01 --set epochs=3', 'sweep Adam\'s learning rate, 3 epochs, without editing the file')
      .example('$0 run suites/quick.json --seeds-until-separated 10', 'more seeds only where the best is not yet separated, up to 10')
      .example('$0 run suites/quick.json --test welch --correction none', 'rank with other statistics (as bench report takes them; docs/statistics.md)')
      .example('$0 run suites/quick.json --json > summary.json', 'the summary for a script; progress stays on stderr')
      .example('$0 run --resume results/quick.json', 'finish a run stopped by Ctrl-C or a crash')
      .example('$0 run suites/quick.json --slurm --shards 2 --out results/quick-slurm', 'submit 2 shards and their merge to Slurm, follow them, print the merged table')
      .example('$0 run --resume results/quick-slurm', 'submit the unfinished shards of a Slurm run again and follow them')
      .example('$0 run suites/quick.json --shard 2/4 --out shard2.json', 'the second of four shards (then: bench merge shard*.json --out all.json)')
      .epilog('Exit codes: 0 ok (diverged or timed-out trials included), 1 a trial failed, 2 bad input, 130/143 stopped by SIGINT/SIGTERM (the results file is valid, complete: false).'),
  async run(args, io) {
    const { isSlurmRun } = await import('../../run/slurm/folder');
    if (args.slurm || (args.resume !== undefined && isSlurmRun(args.resume))) return (await import('../slurm')).runOnSlurm(args, io);
    for (const [flag, given] of [['--shards', args.shards !== undefined], ['--sbatch', args.sbatch !== undefined], ['--dry-run', args.dryRun]] as const) {
      if (given) throw new InputError(`${flag}: only with --slurm`);
    }
    // Worker processes start first, so that their start-up overlaps the loading of everything below.
    const [{ startWorkers }, { defaultWorkers }, { dataLimitsFromEnv }, { defaultDataDir }] = await Promise.all([
      import('../../run/prestart'),
      import('../../run/workers'),
      import('../test-limits'),
      import('../../data/dataset'),
    ]);
    const dataLimits = dataLimitsFromEnv();
    const workers = args.workers ?? defaultWorkers();
    const started = workers > 1 ? startWorkers({ workers, backend: args.backend, threads: args.threads, dataDir: args.dataDir ?? defaultDataDir(), dataLimits }) : undefined;
    const [{ executeSuite }, progress] = await Promise.all([import('../../search/execute'), import('../progress')]);
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
        shardCosts: args.shardCosts,
        dataDir: args.dataDir,
        threads: args.threads,
        workers: args.workers,
        defaults: args.defaults,
        dataLimits,
        stopOnSignals: true,
        events: progressEvents(sink),
        started,
        stats: statsOf(args),
        seedsUntilSeparated: args.seedsUntilSeparated,
      });
    } finally {
      sink.stop();
      await started?.release();
    }
    return printRun({ spec: run.suite.spec, out: run.out, doc: run.doc, stoppedBy: run.stoppedBy }, io, { json: args.json });
  },
};

export default run;

import * as fs from 'node:fs';
import * as path from 'node:path';
import { BACKEND_CHOICES, type BackendChoice } from '../../backends/choices';
import { InputError } from '../../errors';
import type { CommandModule } from '../command';

interface Args {
  suite: string;
  out?: string;
  backend: BackendChoice;
  dataDir?: string;
  threads?: number;
  force: boolean;
}

/** `results/<suite>-<timestamp>.json` under the current directory. */
function defaultOut(suiteName: string): string {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
  return path.join('results', `${suiteName}-${stamp}.json`);
}

const run: CommandModule<Args> = {
  command: 'run <suite>',
  describe: 'Train every configuration of a suite for each seed; print the ranked table; write results JSON',
  builder: (y) =>
    y
      .positional('suite', { type: 'string', describe: 'suite JSON file' })
      .option('out', { type: 'string', describe: 'results file (default results/<suite>-<timestamp>.json)' })
      .option('backend', { choices: BACKEND_CHOICES, default: 'auto' as BackendChoice, describe: 'auto: native TensorFlow if it loads, else wasm' })
      .option('data-dir', { type: 'string', describe: 'datasets directory (default $BENCH_DATA_DIR or ~/.cache/bench/data)' })
      .option('threads', { type: 'number', describe: 'TensorFlow intra-op threads (native backend)' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing results file' })
      .example('$0 run suites/quick.json', 'SGD against Adam on LeNet-5, embedded MNIST')
      .example('$0 run suites/quick.json --backend wasm --out results/quick.json', ''),
  async run(args, io) {
    const [{ loadSuite }, { runSuite }, { defaultDataDir }, { rankingTable }, { withRanking }, { describeRanking }] = await Promise.all([
      import('../../suite'),
      import('../../runner'),
      import('../../data/dataset'),
      import('../../report/table'),
      import('../../results'),
      import('../../ranking'),
    ]);
    const suite = loadSuite(args.suite);
    for (const b of suite.registry.broken) io.err(`warning: plugin module ${b.source} is broken: ${b.error}`);
    const out = args.out ?? defaultOut(suite.spec.name);
    if (fs.existsSync(out) && !args.force) throw new InputError(`${out} exists; pass --force to overwrite it or --out to choose another file`);
    const total = suite.trials.length;
    io.err(`${suite.spec.name}: ${total} trials`);
    const doc = await runSuite(suite, {
      backend: args.backend,
      dataDir: args.dataDir ?? defaultDataDir(),
      out,
      threads: args.threads,
      log: (line) => io.err(line),
      hooks: {
        onEpoch: (trial, e) =>
          io.err(
            `  ${trial.label} seed ${trial.seed} epoch ${e.epoch}/${trial.config.epochs}: loss ${e.trainLoss.toFixed(4)}` +
              (e.valAccuracy !== null ? `, val acc ${(e.valAccuracy * 100).toFixed(2)}%` : '') +
              ` (${e.trainSeconds.toFixed(1)} s)`,
          ),
      },
      onTrial: (r, done) => {
        const what =
          r.status === 'ok'
            ? `test acc ${(r.final!.testAccuracy * 100).toFixed(2)}%, ${r.final!.trainSeconds.toFixed(1)} s, ${Math.round(r.final!.samplesPerSecond)} samples/s`
            : r.status === 'diverged'
              ? `diverged at epoch ${r.divergence!.epoch}, step ${r.divergence!.step}`
              : `failed: ${r.error}`;
        io.err(`[${done}/${total}] ${r.label} seed ${r.seed}: ${what}`);
      },
    });
    // The ranking with the suite's options (rankBy, target), as written to the results file.
    io.out(rankingTable(withRanking(doc).ranking, { color: io.isTTY }));
    io.out(describeRanking(suite.spec));
    io.out(`results: ${out}`);
    return doc.trials.some((t) => t.status === 'failed') ? 1 : 0;
  },
};

export default run;

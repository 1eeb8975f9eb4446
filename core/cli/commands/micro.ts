/** `bench micro`: parses the options, calls core/perf/micro-run.ts benchmarkPlugins, prints the table or the document. */
import type { BackendChoice } from '../../backends/choices';
import { InputError } from '../../util/errors';
import type { CommandModule } from '../command';
import { backendOptions, checkedOption, jsonOption, outputFileOption } from '../options';

interface Args {
  json: boolean;
  out?: string;
  optimizer?: string[];
  activation?: string[];
  regularizer?: string[];
  plugin?: string[];
  backend: BackendChoice;
  threads?: number;
  time: number;
  iterations: number;
}

const micro: CommandModule<Args> = {
  command: 'micro',
  describe: "Micro-benchmark each plugin's step cost with tinybench: optimizer updates on LeNet-5 weights, activations and regularizers forward+backward",
  builder: (y) => {
    backendOptions(y, { default: 'wasm' });
    jsonOption(y, 'print the micro results document (bench compare reads it)');
    outputFileOption(y, 'out', { describe: 'also write the micro results document to this file' });
    checkedOption(y, 'time', { type: 'number', default: 500, describe: 'minimum measuring time per benchmark, ms' }, (v, flag) => {
      if (!((v as number) >= 0)) throw new InputError(`${flag}: expected milliseconds >= 0 (got ${String(v)})`);
    });
    checkedOption(y, 'iterations', { type: 'number', default: 10, describe: 'minimum timed steps per benchmark' }, (v, flag) => {
      if (!(Number.isInteger(v) && (v as number) >= 2)) throw new InputError(`${flag}: expected an integer >= 2 (got ${String(v)})`);
    });
    return y
      .option('optimizer', { type: 'array', string: true, describe: 'only this optimizer, repeated for several (with no other selection: every plugin)' })
      .option('activation', { type: 'array', string: true, describe: 'only this activation (repeatable)' })
      .option('regularizer', { type: 'array', string: true, describe: 'only this regularizer (repeatable)' })
      .option('plugin', { type: 'array', string: true, describe: 'also load plugins from this module (a path or package name; repeatable)' })
      .example('$0 micro', 'every optimizer, activation and regularizer on wasm')
      .example('$0 micro --optimizer adam --optimizer sgd --json > micro.json', 'two optimizers, as JSON for bench compare');
  },
  async run(args, io) {
    const [{ benchmarkPlugins }, { formatMicroTable }] = await Promise.all([import('../../perf/micro-run'), import('../../results/micro-document')]);
    const doc = await benchmarkPlugins({
      backend: args.backend,
      threads: args.threads,
      plugins: args.plugin,
      select: { optimizer: args.optimizer, activation: args.activation, regularizer: args.regularizer },
      time: args.time,
      iterations: args.iterations,
      out: args.out,
      log: (line) => io.err(line),
      onResult: (b, done, total) =>
        io.err(`[${done}/${total}] ${b.name}: ${b.state === 'completed' ? `${b.meanMs} ms mean, ${b.samples} samples` : `errored: ${b.error}`}`),
    });
    io.out(args.json ? JSON.stringify(doc, null, 2) : formatMicroTable(doc, { color: io.color === true }));
    return doc.benchmarks.some((b) => b.state === 'errored') ? 1 : 0;
  },
};

export default micro;

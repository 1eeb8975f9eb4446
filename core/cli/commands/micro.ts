import * as path from 'node:path';
import { BACKEND_CHOICES, type BackendChoice } from '../../backends/choices';
import { checkOutputFile } from '../../util/output-path';
import type { CommandModule } from '../command';
import { threadsOption } from '../options';

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
  builder: (y) =>
    threadsOption(y, 'TensorFlow intra-op threads (native backend)')
      .option('json', { type: 'boolean', default: false, describe: 'print the micro results document (bench compare reads it)' })
      .option('out', { type: 'string', describe: 'also write the micro results document to this file' })
      .option('optimizer', { type: 'array', string: true, describe: 'only these optimizers (with no other selection: every plugin)' })
      .option('activation', { type: 'array', string: true, describe: 'only these activations' })
      .option('regularizer', { type: 'array', string: true, describe: 'only these regularizers' })
      .option('plugin', { type: 'array', string: true, describe: 'also load plugins from these modules (paths or package names)' })
      .option('backend', { choices: BACKEND_CHOICES, default: 'wasm' as BackendChoice, describe: 'tfjs backend to measure on' })
      .option('time', { type: 'number', default: 500, describe: 'minimum measuring time per benchmark, ms' })
      .option('iterations', { type: 'number', default: 10, describe: 'minimum timed steps per benchmark' })
      .example('$0 micro', 'every optimizer, activation and regularizer on wasm')
      .example('$0 micro --optimizer adam sgd --json > micro.json', 'two optimizers, as JSON for bench compare'),
  async run(args, io) {
    const [{ useBackend }, { runMicro }, { formatMicroTable, microProblems }, { Registry }, { writeFileAtomic }, { BenchError, InputError }] = await Promise.all([
      import('../../backends'),
      import('../../perf/micro'),
      import('../../results/micro-document'),
      import('../../plugin/registry'),
      import('../../results/document'),
      import('../../util/errors'),
    ]);
    if (args.out !== undefined) checkOutputFile(args.out, '--out');
    if (!(args.time >= 0)) throw new InputError(`--time: expected milliseconds >= 0 (got ${args.time})`);
    if (!(Number.isInteger(args.iterations) && args.iterations >= 2)) throw new InputError(`--iterations: expected an integer >= 2 (got ${args.iterations})`);
    const registry = Registry.builtIn();
    for (const spec of args.plugin ?? []) {
      const err = registry.loadExternal(spec, process.cwd());
      if (err) throw new InputError(`--plugin ${spec}: ${err}`);
    }
    for (const b of registry.broken) io.err(`warning: plugin module ${b.source} is broken: ${b.error}`);
    const backend = await useBackend(args.backend, { threads: args.threads });
    io.err(`backend: ${backend.name} (${backend.package})`);
    const doc = await runMicro({
      backend,
      registry,
      select: { optimizer: args.optimizer, activation: args.activation, regularizer: args.regularizer },
      time: args.time,
      iterations: args.iterations,
      onResult: (b, done, total) =>
        io.err(`[${done}/${total}] ${b.name}: ${b.state === 'completed' ? `${b.meanMs} ms mean, ${b.samples} samples` : `errored: ${b.error}`}`),
    });
    const problems = microProblems(doc);
    if (problems.length > 0) throw new BenchError(`internal error: micro results do not match the schema:\n  ${problems.join('\n  ')}`, 1);
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (args.out) writeFileAtomic(path.resolve(args.out), text);
    io.out(args.json ? text.trimEnd() : formatMicroTable(doc, { color: io.isTTY }));
    return doc.benchmarks.some((b) => b.state === 'errored') ? 1 : 0;
  },
};

export default micro;

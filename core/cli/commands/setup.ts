import * as path from 'node:path';
import { BenchError } from '../../util/errors';
import { PACKAGE_ROOT } from '../../util/paths';
import type { CommandModule } from '../command';

interface Args {
  what: string;
  tensorflow?: string;
  from?: string;
  gpu: boolean;
  force: boolean;
}

interface SetupResult {
  reused: boolean;
  seconds: number;
  dir: string;
  target: string;
  ready: { tensorflow: string; package: string };
}

interface SetupModule {
  setupNative(opts: { tensorflow?: string; from?: string; gpu?: boolean; force?: boolean; showProgress?: boolean; log?: (l: string) => void }): SetupResult;
  SetupError: new (...a: unknown[]) => Error;
}

const setup: CommandModule<Args> = {
  command: 'setup <what>',
  describe: 'Build the native TensorFlow engine (tfjs-node on TensorFlow\'s own C library) and cache it',
  builder: (y) =>
    y
      .positional('what', { choices: ['native'], describe: 'what to set up' })
      .option('tensorflow', { type: 'string', describe: 'TensorFlow version whose wheel to build against (default 2.21.0)' })
      .option('from', { type: 'string', describe: 'a TensorFlow wheel, a directory holding one, or an unpacked tensorflow/ directory' })
      .option('gpu', { type: 'boolean', default: false, describe: 'build tfjs-node-gpu against the `tensorflow` wheel (CUDA 12)' })
      .option('force', { type: 'boolean', default: false, describe: 'rebuild even when the cache has this build' })
      .example('$0 setup native', 'pip-download tensorflow-cpu 2.21.0, build the binding, cache it')
      .example('$0 setup native --from ~/Downloads/tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl', 'offline'),
  async run(args, io) {
    // Plain JavaScript shared with the npm install hook (it runs before TypeScript is compiled).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(PACKAGE_ROOT, 'scripts', 'setup-native.js')) as SetupModule;
    let r: SetupResult;
    try {
      r = mod.setupNative({ tensorflow: args.tensorflow, from: args.from, gpu: args.gpu, force: args.force, showProgress: true, log: (l) => io.err(`  ${l}`) });
    } catch (e) {
      if (e instanceof mod.SetupError) throw new BenchError(`setup native: ${e.message}`, 1);
      throw e;
    }
    io.out(
      `native engine ${r.ready.package} on TensorFlow ${r.ready.tensorflow}: ${r.reused ? `reused from the cache in ${r.seconds.toFixed(1)} s` : `built in ${r.seconds.toFixed(0)} s`}\n` +
        `  cache: ${r.dir}\n  installed: ${r.target}\n  check it with \`bench backends\``,
    );
    return 0;
  },
};

export default setup;

/** `bench setup native`: calls core/backends/setup.ts setupNative, prints where the engine is. */
import type { CommandModule } from '../command';

interface Args {
  what: string;
  tensorflow?: string;
  from?: string;
  gpu: boolean;
  force: boolean;
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
    const { setupNative } = await import('../../backends/setup');
    const r = setupNative({ tensorflow: args.tensorflow, from: args.from, gpu: args.gpu, force: args.force, showProgress: true, log: (l) => io.err(`  ${l}`) });
    io.out(
      `native engine ${r.ready.package} on TensorFlow ${r.ready.tensorflow}: ${r.reused ? `reused from the cache in ${r.seconds.toFixed(1)} s` : `built in ${r.seconds.toFixed(0)} s`}\n` +
        `  cache: ${r.dir}\n  installed: ${r.target}\n  check it with \`bench backends\``,
    );
    return 0;
  },
};

export default setup;

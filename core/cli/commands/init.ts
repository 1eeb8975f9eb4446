/** `bench init`: calls core/suite/starter.ts writeStarterSuite, says what it wrote and what to do next. */
import type { CommandModule } from '../command';

interface Args {
  file: string;
  name?: string;
  force: boolean;
}

const init: CommandModule<Args> = {
  command: 'init [file]',
  describe: 'Write a starter suite (SGD against Adam on LeNet-5, embedded MNIST) whose "$schema" lets an editor complete and document it',
  builder: (y) =>
    y
      .positional('file', { type: 'string', default: 'suite.json', describe: 'the suite file to write' })
      .option('name', { type: 'string', describe: 'the suite\'s name (default: the file name without .json)' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing file' })
      .example('$0 init suites/mine.json', 'then: bench validate suites/mine.json, bench run suites/mine.json'),
  async run(args, io) {
    const { writeStarterSuite } = await import('../../suite/starter');
    const w = writeStarterSuite(args.file, { name: args.name, force: args.force });
    const seeds = w.spec.seeds.length;
    io.out(
      `wrote ${w.file}: a starter suite (${w.configurations} configurations x ${seeds} seeds = ${w.trials} trials); ` +
        `next: bench validate ${w.file}, then bench run ${w.file}`,
    );
    return 0;
  },
};

export default init;

/** `bench backends` (alias doctor): calls core/backends/doctor.ts describeBackends, prints its report. */
import type { CommandModule } from '../command';
import { jsonOption, threadsOption } from '../options';

interface Args {
  json: boolean;
  threads?: number;
  verbose?: boolean;
}

const backends: CommandModule<Args> = {
  command: ['backends', 'doctor'],
  describe: 'Show every engine: whether it loads here, its version, where its libraries are, threads, GPU',
  builder: (y) =>
    jsonOption(threadsOption(y))
      .example('$0 backends', 'which engine `--backend auto` takes, and why not the others')
      .example('$0 backends --json', ''),
  async run(args, io) {
    const { describeBackends, formatBackends } = await import('../../backends/doctor');
    const report = await describeBackends({ threads: args.threads, verbose: args.verbose });
    io.out(args.json ? JSON.stringify(report, null, 2) : formatBackends(report));
    return 0;
  },
};

export default backends;

/**
 * `bench publish`: calls core/results/publish.ts publishResults (a shareable copy of a run's results,
 * validated, and a methods paragraph beside it), says what it wrote and warns of paths it left.
 */
import type { CommandModule } from '../command';
import { outputFileOption } from '../options';

interface Args {
  files: string[];
  out: string;
  force: boolean;
  partial: boolean;
}

const publish: CommandModule<Args> = {
  command: 'publish <files..>',
  describe: 'Write a shareable copy of a run\'s results (hostname and local folders dropped, paths relative; suite, checksums, versions, hardware and every trial kept) and a Markdown methods paragraph',
  builder: (y) =>
    outputFileOption(y, 'out', { demandOption: true, describe: 'the shareable results file; the methods paragraph goes beside it (FILE.json -> FILE.methods.md)' })
      .positional('files', { type: 'string', array: true, describe: 'a results file, or the shard files of one run (merged as bench merge does)' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite existing output files' })
      .option('partial', { type: 'boolean', default: false, describe: 'publish an incomplete run (complete: false)' })
      .example('$0 publish results/optimizers-2025-01-01.json --out paper/optimizers.json', 'paper/optimizers.json and paper/optimizers.methods.md'),
  async run(args, io) {
    const { publishResults } = await import('../../results/publish');
    const p = publishResults(args.files, args.out, { force: args.force, partial: args.partial });
    for (const l of p.leftovers) io.err(`warning: an absolute path is left in ${l}`);
    io.out(`wrote ${p.out} (${p.doc.trials.length} trials; hostname, library and data folders dropped, paths relative) and ${p.methodsFile}`);
    return 0;
  },
};

export default publish;

/** `bench merge`: calls core/results/merge.ts mergeResultFiles, prints what was merged and the ranking. */
import type { CommandModule } from '../command';
import { outputFileOption } from '../options';

interface Args {
  files: string[];
  out: string;
  force: boolean;
  partial: boolean;
}

const merge: CommandModule<Args> = {
  command: 'merge <files..>',
  describe: 'Merge the results files of a sharded run (same suite and code) into one, as an unsharded run would have written it',
  builder: (y) =>
    outputFileOption(y, 'out', { demandOption: true, describe: 'merged results file' })
      .positional('files', { type: 'string', array: true, describe: 'results files, one per shard' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing --out file' })
      .option('partial', { type: 'boolean', default: false, describe: 'write the merge even if trials are missing (complete: false)' })
      .example('$0 merge results/shard-*.json --out results/all.json', 'after a 4-job CI matrix ran --shard 1/4 ... 4/4'),
  async run(args, io) {
    const [{ mergeResultFiles }, { rankingTable }] = await Promise.all([import('../../results/merge'), import('../../report/table')]);
    const doc = mergeResultFiles(args.files, args.out, { partial: args.partial, force: args.force });
    const n = args.files.length;
    io.err(`merged ${n} file${n > 1 ? 's' : ''}: ${doc.trials.length} of ${doc.run.suiteTrials.length} trials${doc.complete ? '' : ' (incomplete)'}`);
    io.out(rankingTable(doc.ranking, { color: io.color === true }));
    io.out(`results: ${args.out}`);
    return doc.trials.some((t) => t.status === 'failed') ? 1 : 0;
  },
};

export default merge;

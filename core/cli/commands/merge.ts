import * as fs from 'node:fs';
import { InputError } from '../../util/errors';
import { checkOutputFile } from '../../util/output-path';
import type { CommandModule } from '../command';

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
    y
      .positional('files', { type: 'string', array: true, describe: 'results files, one per shard' })
      .option('out', { type: 'string', demandOption: true, describe: 'merged results file' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing --out file' })
      .option('partial', { type: 'boolean', default: false, describe: 'write the merge even if trials are missing (complete: false)' })
      .example('$0 merge results/shard-*.json --out results/all.json', 'after a 4-job CI matrix ran --shard 1/4 ... 4/4'),
  async run(args, io) {
    const [{ readResults, writeResults }, { mergeResults }, { rankingTable }] = await Promise.all([
      import('../../results/document'),
      import('../../results/merge'),
      import('../../report/table'),
    ]);
    checkOutputFile(args.out, '--out');
    if (fs.existsSync(args.out) && !args.force) throw new InputError(`${args.out} exists; pass --force to overwrite it`);
    const inputs = args.files.map((file) => ({ file, doc: readResults(file) }));
    const doc = mergeResults(inputs, { partial: args.partial });
    writeResults(args.out, doc);
    io.err(`merged ${inputs.length} file${inputs.length > 1 ? 's' : ''}: ${doc.trials.length} of ${doc.run.suiteTrials.length} trials${doc.complete ? '' : ' (incomplete)'}`);
    io.out(rankingTable(doc.ranking, { color: io.isTTY }));
    io.out(`results: ${args.out}`);
    return doc.trials.some((t) => t.status === 'failed') ? 1 : 0;
  },
};

export default merge;

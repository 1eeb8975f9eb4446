/**
 * `bench validate`: a suite file (core/search/validate.ts validateSuiteFile) or, with --results,
 * results files (core/results/document.ts describeResultsFile); prints what each holds.
 */
import { InputError } from '../../util/errors';
import type { CommandModule } from '../command';

interface Args {
  suite?: string;
  results?: string[];
}

const validate: CommandModule<Args> = {
  command: 'validate [suite]',
  describe: 'Check a suite file (schema, plugin names, hyper-parameters, search spaces; print its trials) or, with --results, results files',
  builder: (y) =>
    y
      .positional('suite', { type: 'string', describe: 'suite JSON file' })
      .option('results', { type: 'string', array: true, describe: 'check results files against the results schema instead' })
      .example('$0 validate suites/quick.json', '')
      .example('$0 validate --results results/quick.json', 'schemaVersion and schema of a results file'),
  async run(args, io) {
    if (args.results?.length) {
      if (args.suite) throw new InputError('give either a suite or --results, not both');
      const { describeResultsFile } = await import('../../results/document');
      for (const file of args.results) io.out(describeResultsFile(file));
      return 0;
    }
    if (!args.suite) throw new InputError('name a suite file, or pass --results FILE');
    const { validateSuiteFile } = await import('../../search/validate');
    const { lines, warnings } = validateSuiteFile(args.suite);
    for (const line of lines) io.out(line);
    for (const w of warnings) io.err(`warning: ${w}`);
    return 0;
  },
};

export default validate;

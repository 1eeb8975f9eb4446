/**
 * `bench validate`: suite files (core/search/validate.ts validateSuiteFile) or, with --results, results
 * files (core/results/document.ts describeResultsFile); prints what each holds. The files are positional
 * arguments and --results a flag, so `--results` may stand anywhere and a shell glob names many files.
 */
import { InputError } from '../../util/errors';
import type { CommandModule } from '../command';

interface Args {
  files?: string[];
  results: boolean;
}

const validate: CommandModule<Args> = {
  command: 'validate [files..]',
  describe: 'Check suite files (schema, plugin names, hyper-parameters, search spaces; print their trials) or, with --results, results files',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'suite JSON files (results files with --results)' })
      .option('results', { type: 'boolean', default: false, describe: 'the files are results files: check them against the results schema' })
      .example('$0 validate suites/quick.json', '')
      .example('$0 validate --results results/*.json', 'schemaVersion and schema of results files'),
  async run(args, io) {
    const files = args.files ?? [];
    if (files.length === 0) throw new InputError(args.results ? 'name a results file' : 'name a suite file, or pass --results FILE');
    if (args.results) {
      const { describeResultsFile } = await import('../../results/document');
      for (const file of files) io.out(describeResultsFile(file));
      return 0;
    }
    const { validateSuiteFile } = await import('../../search/validate');
    for (const file of files) {
      const { lines, warnings } = validateSuiteFile(file);
      for (const line of lines) io.out(line);
      for (const w of warnings) io.err(`warning: ${w}`);
    }
    return 0;
  },
};

export default validate;

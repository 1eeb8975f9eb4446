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
      const { readResults } = await import('../../results/document');
      for (const file of args.results) {
        const doc = readResults(file);
        const configs = new Set(doc.trials.map((t) => t.configId)).size;
        io.out(
          `${file}: valid results (schemaVersion ${doc.schemaVersion}) of suite "${doc.suite.name}": ${doc.trials.length} trials, ` +
            `${configs} configuration${configs === 1 ? '' : 's'}${doc.complete === false ? ', incomplete run' : ''}`,
        );
      }
      return 0;
    }
    if (!args.suite) throw new InputError('name a suite file, or pass --results FILE');
    const [{ loadSuite }, { hasSearch, planTuning }] = await Promise.all([import('../../suite/load'), import('../../search/run')]);
    const suite = loadSuite(args.suite);
    if (hasSearch(suite.spec)) {
      // A tuning suite is planned as `bench run` plans it: every space dimension checked against its optimizer.
      const plan = planTuning(suite);
      io.out(`${args.suite}: valid suite "${suite.spec.name}": ${plan.search.suite.trials.length} search trials + ${plan.finalTrials} final trials`);
      for (const line of plan.lines) io.out(`  ${line}`);
      for (const w of plan.search.warnings) io.err(`warning: ${w}`);
    } else {
      const configs = new Set(suite.trials.map((t) => t.configId)).size;
      io.out(`${args.suite}: valid suite "${suite.spec.name}": ${configs} configuration${configs === 1 ? '' : 's'} x ${suite.spec.seeds.length} seed${suite.spec.seeds.length === 1 ? '' : 's'} = ${suite.trials.length} trials`);
    }
    for (const b of suite.registry.broken) io.err(`warning: plugin module ${b.source} is broken: ${b.error}`);
    return 0;
  },
};

export default validate;

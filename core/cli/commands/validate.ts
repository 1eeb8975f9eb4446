import type { CommandModule } from '../command';

interface Args {
  suite: string;
}

const validate: CommandModule<Args> = {
  command: 'validate <suite>',
  describe: 'Check a suite file: schema, plugin names, hyper-parameters; print its trials',
  builder: (y) => y.positional('suite', { type: 'string', describe: 'suite JSON file' }).example('$0 validate suites/quick.json', ''),
  async run(args, io) {
    const { loadSuite } = await import('../../suite');
    const suite = loadSuite(args.suite);
    const configs = new Set(suite.trials.map((t) => t.configId)).size;
    io.out(`${args.suite}: valid suite "${suite.spec.name}": ${configs} configuration${configs === 1 ? '' : 's'} x ${suite.spec.seeds.length} seed${suite.spec.seeds.length === 1 ? '' : 's'} = ${suite.trials.length} trials`);
    for (const b of suite.registry.broken) io.err(`warning: plugin module ${b.source} is broken: ${b.error}`);
    return 0;
  },
};

export default validate;

import type { CommandModule } from '../command';

interface Args {
  kind?: string;
  json: boolean;
}

const KINDS = ['optimizers', 'regularizers', 'initializers', 'activations', 'models', 'datasets'];

const list: CommandModule<Args> = {
  command: 'list [kind]',
  describe: 'List plugins (with hyper-parameters and defaults), models and datasets',
  builder: (y) =>
    y
      .positional('kind', { type: 'string', describe: `one of ${KINDS.join(', ')} (singular works too)` })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' })
      .example('$0 list optimizers', 'optimizers with their hyper-parameters')
      .example('$0 list --json', 'everything, as JSON'),
  async run(args, io) {
    const { listCatalogue, formatCatalogue } = await import('../../suite/catalogue');
    const cat = listCatalogue(args.kind);
    io.out(args.json ? JSON.stringify(cat, null, 2) : formatCatalogue(cat));
    return 0;
  },
};

export default list;

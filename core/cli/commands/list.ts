/** `bench list`: calls core/suite/catalogue.ts listCatalogue, prints it as text or JSON. */
import type { CommandModule } from '../command';
import { jsonOption } from '../options';

interface Args {
  kind?: string;
  json: boolean;
}

const KINDS = ['optimizers', 'regularizers', 'initializers', 'activations', 'models', 'datasets'];

const list: CommandModule<Args> = {
  command: 'list [kind]',
  describe: 'List plugins (with hyper-parameters and defaults), models and datasets',
  builder: (y) =>
    jsonOption(y)
      .positional('kind', { type: 'string', describe: `one of ${KINDS.join(', ')} (singular works too)` })
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

/**
 * `bench plugin new optimizer NAME [--dir DIR]`: calls core/plugin/scaffold.ts writeScaffold and says what
 * it wrote. `bench plugin check PATH|PACKAGE [--reference FILE]`: calls core/train/conformance/module.ts
 * checkPluginModule and prints its table (or JSON); exit 1 when a check failed.
 */
import { InputError } from '../../util/errors';
import type { CommandModule } from '../command';
import type { IO } from '../io';
import { jsonOption } from '../options';

const ACTIONS = ['new', 'check'] as const;

interface Args {
  action: (typeof ACTIONS)[number];
  target: string;
  name?: string;
  dir?: string;
  reference?: string;
  tolerance?: number;
  json: boolean;
}

const plugin: CommandModule<Args> = {
  command: 'plugin <action> <target> [name]',
  describe: 'Plugins in their own repository: scaffold a plugin package, run the conformance checks on one',
  builder: (y) => {
    y.positional('action', { choices: ACTIONS, describe: 'new: scaffold a plugin package; check: run the conformance checks' })
      .positional('target', { type: 'string', describe: 'new: the kind (optimizer); check: a module path, a plugin folder or an installed package' })
      .positional('name', { type: 'string', describe: 'new: the plugin name, kebab-case' })
      .option('dir', { type: 'string', describe: 'new: the folder to create (default ./bench-plugin-NAME)' })
      .option('reference', { type: 'string', describe: 'check: reference trajectories to compare optimizers with (tools/torch_trajectory.py golden or run output)' })
      .option('tolerance', { type: 'number', describe: 'check: largest relative error against --reference (default 1e-5)' });
    return jsonOption(y, 'check: print the results as JSON')
      .example('$0 plugin new optimizer my-opt', 'a TypeScript plugin package in ./bench-plugin-my-opt')
      .example('$0 plugin check ./bench-plugin-my-opt', 'the checks every shipped plugin passes, as a table')
      .example('$0 plugin check ./my-opt.ts --reference my-opt-torch.json', 'and its trajectories against PyTorch');
  },
  async run(args, io) {
    return args.action === 'new' ? scaffold(args, io) : check(args, io);
  },
};

async function scaffold(args: Args, io: IO): Promise<number> {
  if (!args.name) throw new InputError('bench plugin new: name the plugin, e.g. bench plugin new optimizer my-opt');
  const { writeScaffold } = await import('../../plugin/scaffold');
  const s = writeScaffold(args.target, args.name, args.dir);
  io.out(`created ${s.dir} (${args.target} ${args.name}):\n${s.files.map((f) => `  ${f}`).join('\n')}`);
  io.out(`next: cd ${s.dir} && npm install && npm test\n      bench plugin check ${s.dir}`);
  return 0;
}

async function check(args: Args, io: IO): Promise<number> {
  if (args.name !== undefined) throw new InputError(`bench plugin check takes one module, not "${args.target}" and "${args.name}"`);
  if (args.tolerance !== undefined && !(args.tolerance >= 0)) throw new InputError(`--tolerance: expected a number >= 0 (got ${args.tolerance})`);
  const { allPassed, checkPluginModule, formatModuleCheck } = await import('../../train/conformance/module');
  const c = await checkPluginModule(args.target, { reference: args.reference, tolerance: args.tolerance });
  io.out(args.json ? JSON.stringify(c, null, 2) : formatModuleCheck(c));
  return allPassed(c) ? 0 : 1;
}

export default plugin;

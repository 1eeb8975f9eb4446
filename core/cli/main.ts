/**
 * The `bench` command line. `main(argv)` parses, runs one command and returns its exit code; errors a
 * user can act on (BenchError) print their message alone, without a stack trace.
 *
 * Conventions: an option takes one value (repeat it for several: `--set a=1 --set b=2`), so positional
 * arguments may stand anywhere among the options; `-h` is `--help`; `bench completion` prints yargs'
 * shell completion script.
 */
import yargs from 'yargs';
import { BenchError, InputError, messageOf } from '../util/errors';
import { COMMANDS } from './commands';
import { type IO, processIO } from './io';

export async function main(argv: string[], io: IO = processIO): Promise<number> {
  let code: number | undefined;
  let parser = yargs(argv)
    .scriptName('bench')
    .usage('$0 <command> [options]\n\nBenchmark deep-learning optimizers and regularizers on TensorFlow.js.')
    .strict()
    // Greedy arrays would take `--set epochs=1 suites/quick.json`'s suite as a second --set.
    .parserConfiguration({ 'greedy-arrays': false })
    .demandCommand(1, 'name a command')
    .recommendCommands()
    .option('verbose', { type: 'boolean', global: true, describe: "show TensorFlow's start-up log lines" })
    .middleware((a) => {
      if (a.verbose) process.env.BENCH_VERBOSE = '1';
    })
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 110))
    .epilogue('Exit codes: 0 ok, 1 a trial failed, 2 bad input.')
    .alias('h', 'help')
    .completion('completion', 'print a shell completion script (bash, zsh): bench completion >> ~/.bashrc')
    .fail((msg, err) => {
      // What yargs refuses (an unknown option, a value not among the choices, a missing argument) is bad
      // input, thrown: yargs would otherwise go on to run the command with the arguments it refused.
      throw err ?? new InputError(`${msg}${oneValueHint(msg, argv)}`);
    });
  for (const c of COMMANDS) {
    parser = parser.command({
      command: c.command,
      describe: c.describe,
      builder: c.builder,
      handler: async (args) => {
        code = await c.run(args, io);
      },
    });
  }
  let helpText = '';
  try {
    await parser.parseAsync(argv, {}, (_err, _args, output) => {
      helpText = output;
    });
  } catch (e) {
    if (e instanceof BenchError) {
      io.err(`bench: ${e.message}`);
      return e.exitCode;
    }
    io.err(`bench: internal error: ${e instanceof Error && process.env.BENCH_DEBUG ? e.stack : messageOf(e)}`);
    return 1;
  }
  if (helpText) io.out(helpText);
  return code ?? 0;
}

/**
 * For "Unknown argument: sgd" where `sgd` followed an option's value (`--optimizer adam sgd`): the hint
 * that an option takes one value. Empty otherwise.
 */
function oneValueHint(msg: string, argv: string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return '';
  const word = m[1]!.split(', ')[0]!;
  const at = argv.indexOf(word);
  const option = at >= 2 ? argv[at - 2] : undefined;
  if (!option || !/^--[^=]+$/.test(option) || argv[at - 1]!.startsWith('-')) return '';
  return ` (an option takes one value: repeat it for several, e.g. ${option} a ${option} b)`;
}

/**
 * The `bench` command line. `main(argv)` parses, runs one command and returns its exit code; errors a
 * user can act on (BenchError) print their message alone, without a stack trace.
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
    .demandCommand(1, 'name a command')
    .recommendCommands()
    .option('verbose', { type: 'boolean', global: true, describe: "show TensorFlow's start-up log lines" })
    .middleware((a) => {
      if (a.verbose) process.env.BENCH_VERBOSE = '1';
    })
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 110))
    .epilogue('Exit codes: 0 ok, 1 a trial failed, 2 bad input.')
    .fail((msg, err) => {
      // What yargs refuses (an unknown option, a value not among the choices, a missing argument) is bad
      // input, thrown: yargs would otherwise go on to run the command with the arguments it refused.
      throw err ?? new InputError(msg);
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

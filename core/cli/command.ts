/**
 * A CLI command module: yargs' command/describe/builder, plus `run`, a thin handler that calls library
 * code and returns the exit code (0 ok, 1 a run failed, 2 bad input). No command calls process.exit.
 * A builder takes the options several commands share from core/cli/options.ts; a handler parses, calls
 * one library function and prints: loops, decisions and file handling belong to the library.
 */
import type { Argv } from 'yargs';
import type { IO } from './io';

export interface CommandModule<A = Record<string, unknown>> {
  command: string | string[];
  describe: string;
  builder: (y: Argv) => Argv;
  run(args: A, io: IO): Promise<number>;
}

/**
 * Options that several commands declare, declared and checked in one place, so that every command
 * taking them rejects the same bad values the same way (InputError: exit 2, the option named).
 */
import type { Argv } from 'yargs';
import { InputError } from '../util/errors';

/** `value` itself when it is a whole number >= `min` (or absent); an InputError naming `flag` otherwise. */
export function wholeNumberArg(value: unknown, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
  throw new InputError(`${flag}: expected a whole number >= ${min}, found ${Array.isArray(value) ? value.join(' ') : String(value)}`);
}

/**
 * Declares `--<name>`, a whole number >= 1, on a command; the command's handler only runs when it is
 * absent or valid (checked by a middleware of that command, before the handler does any work).
 */
export function wholeNumberOption(y: Argv, name: string, describe: string): Argv {
  return y.option(name, { type: 'number', describe }).middleware((argv) => {
    wholeNumberArg(argv[name], `--${name}`);
  });
}

/** `--threads N`: TensorFlow's threads (native backend), in every command that selects a backend. */
export function threadsOption(y: Argv, describe: string): Argv {
  return wholeNumberOption(y, 'threads', describe);
}

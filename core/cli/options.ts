/**
 * The option groups of the CLI: every option that more than one command takes (--backend, --threads,
 * --data-dir, --json, output paths) is declared here once, with its help text and its check, and each
 * command's builder adds the groups it takes (as lerna's filter-options.ts). A checked option is checked
 * by a middleware of its command, after yargs' own parsing and before the handler does any work, so a
 * bad value is an InputError (exit 2, the option named) and nothing is loaded, trained or written.
 *
 * This module knows yargs and the shape of the options; it knows nothing of what a command does with them.
 */
import type { Argv, Options } from 'yargs';
import { BACKEND_CHOICES, type BackendChoice } from '../backends/choices';
import { InputError } from '../util/errors';
import { checkOutputFile, checkOutputFolder } from '../util/output-path';

/**
 * Declares `--<name>` on a command and runs `parse` on its value (when it has one: given, or a default)
 * before the command's handler. `parse` throws an InputError naming the option for a bad value, and
 * returns the value the handler gets instead of the text given (undefined: the value as given).
 */
export function checkedOption(y: Argv, name: string, spec: Options, parse: (value: unknown, flag: string) => unknown): Argv {
  const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return y.option(name, spec).middleware((argv) => {
    if (argv[name] === undefined) return;
    const parsed = parse(argv[name], `--${name}`);
    if (parsed !== undefined) argv[name] = argv[camel] = parsed;
  });
}

/** `value` itself when it is a whole number >= `min` (or absent); an InputError naming `flag` otherwise. */
export function wholeNumberArg(value: unknown, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
  throw new InputError(`${flag}: expected a whole number >= ${min}, found ${Array.isArray(value) ? value.join(' ') : String(value)}`);
}

/** Declares `--<name>`, a whole number >= 1, checked before the handler runs. */
export function wholeNumberOption(y: Argv, name: string, describe: string): Argv {
  return checkedOption(y, name, { type: 'number', describe }, (v, flag) => wholeNumberArg(v, flag));
}

/** What `--threads` sets: both of TensorFlow's thread pools (core/backends/engine.ts prepareNativeEnv). */
export const THREADS_DESCRIPTION = 'TensorFlow intra- and inter-op threads (native backend)';

/** `--threads` of `bench run`, whose trials train in worker processes that share the cores. */
export const WORKER_THREADS_DESCRIPTION = 'TensorFlow intra- and inter-op threads of each worker (native backend; default: cores / workers)';

/**
 * `--threads N`: TensorFlow's threads, a whole number >= 1, in every command that loads a backend.
 * `describe` is for a command whose threads mean more (WORKER_THREADS_DESCRIPTION); the default is
 * the one text every other command shows.
 */
export function threadsOption(y: Argv, describe: string = THREADS_DESCRIPTION): Argv {
  return wholeNumberOption(y, 'threads', describe);
}

/**
 * `--backend NAME` and `--threads N`: the engine a command trains or measures on. Only the default
 * differs between commands (`bench micro` measures wasm unless told otherwise); `perWorker` is for
 * `bench run`, whose --threads count per worker process.
 */
export function backendOptions(y: Argv, opts: { default: BackendChoice; perWorker?: boolean }): Argv {
  return threadsOption(
    y.option('backend', { choices: BACKEND_CHOICES, default: opts.default, describe: 'tfjs backend; auto: native TensorFlow if it loads, else wasm' }),
    opts.perWorker ? WORKER_THREADS_DESCRIPTION : THREADS_DESCRIPTION,
  );
}

/** `--data-dir DIR`: where datasets are read (and `bench data fetch` writes them). */
export function dataDirOption(y: Argv): Argv {
  return y.option('data-dir', { type: 'string', describe: 'datasets directory (default $BENCH_DATA_DIR or ~/.cache/bench/data)' });
}

/** `--json`: print JSON instead of text; `describe` says which JSON where it is more than "print JSON". */
export function jsonOption(y: Argv, describe = 'print JSON'): Argv {
  return y.option('json', { type: 'boolean', default: false, describe });
}

/**
 * `--<name> FILE`, a file the command writes: checked before any work (its folder exists and takes new
 * files, it is not a folder), so a mistyped path is exit 2 and not a write that fails after the work.
 */
export function outputFileOption(y: Argv, name: string, spec: { describe: string; alias?: string; demandOption?: boolean }): Argv {
  return checkedOption(y, name, { type: 'string', ...spec }, (v, flag) => checkOutputFile(String(v), flag));
}

/** `--<name> DIR`, a folder the command fills: an existing folder, or a new one in a folder that exists. */
export function outputFolderOption(y: Argv, name: string, describe: string): Argv {
  return checkedOption(y, name, { type: 'string', describe }, (v, flag) => checkOutputFolder(String(v), flag));
}

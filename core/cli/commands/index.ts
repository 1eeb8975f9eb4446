/** The CLI's commands, in the order `bench --help` lists them. */
import type { CommandModule } from '../command';
import backends from './backends';
import list from './list';
import perf from './perf';
import run from './run';
import setup from './setup';
import validate from './validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: Array<CommandModule<any>> = [run, validate, list, perf, backends, setup];

/** The CLI's commands, in the order `bench --help` lists them. */
import type { CommandModule } from '../command';
import list from './list';
import merge from './merge';
import run from './run';
import validate from './validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: Array<CommandModule<any>> = [run, validate, list, merge];

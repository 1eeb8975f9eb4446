/** The CLI's commands, in the order `bench --help` lists them. */
import type { CommandModule } from '../command';
import data from './data';
import list from './list';
import report from './report';
import compare from './compare';
import micro from './micro';
import run from './run';
import trajectory from './trajectory';
import validate from './validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: Array<CommandModule<any>> = [run, validate, list, report, compare, micro, trajectory, data];

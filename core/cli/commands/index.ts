/** The CLI's commands, in the order `bench --help` lists them. */
import type { CommandModule } from '../command';
import backends from './backends';
import compare from './compare';
import data from './data';
import init from './init';
import list from './list';
import micro from './micro';
import perf from './perf';
import plan from './plan';
import plugin from './plugin';
import report from './report';
import merge from './merge';
import publish from './publish';
import run from './run';
import setup from './setup';
import status from './status';
import trajectory from './trajectory';
import validate from './validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: Array<CommandModule<any>> = [init, run, status, validate, list, report, plan, compare, merge, publish, perf, micro, trajectory, plugin, data, backends, setup];

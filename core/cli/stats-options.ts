/**
 * The ranking's statistics as command-line options, declared and checked in one place for every
 * command that ranks (run, report, plan): `--test auto|t|wilcoxon|welch`,
 * `--correction holm|none`, `--interval bootstrap|t`, `--alpha A`. What they mean is
 * core/analysis/rank-options.ts's; here only their flags, choices and the check of --alpha.
 */
import type { Argv } from 'yargs';
import type { IntervalMethod } from '../analysis/intervals';
import type { Correction } from '../analysis/multiple';
import { CORRECTIONS, DEFAULT_STATS, INTERVAL_METHODS, type StatsOptions, TEST_CHOICES } from '../analysis/rank-options';
import type { TestChoice } from '../analysis/seed-tests';
import { InputError } from '../util/errors';

/** The parsed flags. */
export interface StatsArgs {
  test: TestChoice;
  correction: Correction;
  interval: IntervalMethod;
  alpha: number;
}

/** `value` when it is a significance level in (0, 1); an InputError naming `flag` otherwise. */
export function alphaArg(value: unknown, flag = '--alpha'): number {
  if (typeof value === 'number' && value > 0 && value < 1) return value;
  throw new InputError(`${flag}: expected a number between 0 and 1 (got ${String(value)})`);
}

/** Declares the four options on a command; --alpha is checked before the handler runs. */
export function statsOptions(y: Argv): Argv {
  return y
    .option('test', { choices: TEST_CHOICES, default: DEFAULT_STATS.test, describe: "the paired test where seeds are shared: auto (paired t below 6 seeds, Wilcoxon signed-rank from 6), t, wilcoxon; or welch: Welch's t-test, the pairing by seed not used" })
    .option('correction', { choices: CORRECTIONS, default: DEFAULT_STATS.correction, describe: "multiple-comparison correction over a rank group's comparisons" })
    .option('interval', { choices: INTERVAL_METHODS, default: DEFAULT_STATS.interval, describe: 'confidence intervals over seeds: BCa bootstrap or Student t (accuracies within [0, 100], times on the log scale)' })
    .option('alpha', { type: 'number', default: DEFAULT_STATS.alpha, describe: 'significance level of the tests' })
    .middleware((argv) => {
      alphaArg(argv.alpha);
    });
}

/** The statistics the flags ask for. */
export function statsOf(args: StatsArgs): Required<StatsOptions> {
  return { test: args.test, correction: args.correction, interval: args.interval, alpha: args.alpha };
}

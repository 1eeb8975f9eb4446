/**
 * FOR TESTS ONLY: BENCH_TRAIN_LIMIT=n and BENCH_TEST_LIMIT=n keep the first n images of each dataset's
 * training / test split, so that tests (also those that spawn `bench run` as a child process) train real
 * models in well under a second. This is the one place that reads them: `bench run` passes what it finds
 * here to the library as `dataLimits` (core/run/data-limits.ts applies them and records the cut in the
 * dataset's id), and the worker processes get them in their tasks, not from the environment.
 */
import { InputError } from '../util/errors';
import type { DataLimits } from '../results/run-info';

/** The data limits set in `env` (BENCH_TRAIN_LIMIT, BENCH_TEST_LIMIT); an InputError for a value that is not a positive integer. */
export function dataLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): DataLimits {
  const read = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    if (!/^[1-9]\d*$/.test(v)) throw new InputError(`${name}="${v}": expected a positive integer`);
    return Number(v);
  };
  const limits: DataLimits = {};
  const train = read('BENCH_TRAIN_LIMIT');
  const test = read('BENCH_TEST_LIMIT');
  if (train !== undefined) limits.train = train;
  if (test !== undefined) limits.test = test;
  return limits;
}

/**
 * BENCH_TRAIN_LIMIT / BENCH_TEST_LIMIT, the test-only switches that the CLI alone reads (core/cli/test-limits.ts):
 * parsed once per `bench run`, a bad value is bad input (exit 2) before any work.
 */
import * as fs from 'node:fs';
import { cli, inputErrorOf, tempWriter } from '../../test/helpers';
import { dataLimitsFromEnv } from './test-limits';

const { dir: tmp, write } = tempWriter('bench-test-limits-');

describe('test data limits from the environment', () => {
  it('reads positive integers, ignores unset or empty variables, refuses anything else', () => {
    expect(dataLimitsFromEnv({ BENCH_TRAIN_LIMIT: '256', BENCH_TEST_LIMIT: '100' })).toEqual({ train: 256, test: 100 });
    expect(dataLimitsFromEnv({ BENCH_TEST_LIMIT: '7', BENCH_TRAIN_LIMIT: '' })).toEqual({ test: 7 });
    expect(dataLimitsFromEnv({})).toEqual({});
    expect(inputErrorOf(() => dataLimitsFromEnv({ BENCH_TRAIN_LIMIT: '0' }))).toBe('BENCH_TRAIN_LIMIT="0": expected a positive integer');
    expect(inputErrorOf(() => dataLimitsFromEnv({ BENCH_TEST_LIMIT: '1e3' }))).toBe('BENCH_TEST_LIMIT="1e3": expected a positive integer');
  });

  it('bench run with a bad value: exit 2 naming it, and no results file', async () => {
    const suite = write('s.json', { name: 's', models: ['linear-784'], datasets: ['mnist'], optimizers: ['sgd'], seeds: [1], epochs: 1 });
    const saved = process.env.BENCH_TRAIN_LIMIT;
    process.env.BENCH_TRAIN_LIMIT = 'lots';
    try {
      const r = await cli('run', suite, '--backend', 'wasm', '--workers', '1', '--out', `${tmp}/r.json`);
      expect([r.code, r.err.split('\n').pop()]).toEqual([2, 'bench: BENCH_TRAIN_LIMIT="lots": expected a positive integer']);
      expect(fs.existsSync(`${tmp}/r.json`)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.BENCH_TRAIN_LIMIT;
      else process.env.BENCH_TRAIN_LIMIT = saved;
    }
  });
});

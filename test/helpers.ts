/** Shared test fixtures: a small real dataset cut from the embedded MNIST subset; the CLI in-process. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryIO } from '../core/cli/io';
import { main } from '../core/cli/main';
import { InputError } from '../core/util/errors';
import type { Dataset } from '../core/data';
import { loadEmbeddedMnist } from '../core/data/mnist';
import { resolveSuite } from '../core/suite/load';

let cached: Dataset | undefined;

/** The first `train` training and `test` test images of the embedded MNIST subset, as a dataset. */
export function smallMnist(train = 512, test = 256): Dataset {
  cached ??= loadEmbeddedMnist();
  const px = 28 * 28;
  return {
    ...cached,
    id: `mnist-small-${train}-${test}`,
    train: { images: cached.train.images.subarray(0, train * px), labels: cached.train.labels.subarray(0, train), count: train },
    test: { images: cached.test.images.subarray(0, test * px), labels: cached.test.labels.subarray(0, test), count: test },
  };
}

/** Runs the CLI in-process and returns its exit code and output. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** A temporary directory and a writer of files (JSON values or text) into it. */
export function tempWriter(prefix: string): { dir: string; write(name: string, value: unknown): string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    write(name, value) {
      const f = path.join(dir, name);
      fs.writeFileSync(f, typeof value === 'string' ? value : JSON.stringify(value));
      return f;
    },
  };
}

/** The message of the InputError that `f` throws; fails the test if it throws nothing or something else. */
export function inputErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

/**
 * Sets the runner's test-only data limits (BENCH_TRAIN_LIMIT / BENCH_TEST_LIMIT) for the tests of this
 * file and restores the previous values after them.
 */
export function withDataLimits(train: number, test: number): void {
  const keys = ['BENCH_TRAIN_LIMIT', 'BENCH_TEST_LIMIT'] as const;
  const saved = keys.map((k) => process.env[k]);
  beforeAll(() => {
    process.env.BENCH_TRAIN_LIMIT = String(train);
    process.env.BENCH_TEST_LIMIT = String(test);
  });
  afterAll(() => {
    keys.forEach((k, i) => {
      if (saved[i] === undefined) delete process.env[k];
      else process.env[k] = saved[i];
    });
  });
}

/** The largest absolute difference between `values` and `ref`, relative to the largest |ref|. */
export function maxRelativeError(values: ArrayLike<number>, ref: ArrayLike<number>): number {
  let scale = 0;
  let worst = 0;
  for (let j = 0; j < ref.length; j++) {
    scale = Math.max(scale, Math.abs(ref[j]!));
    worst = Math.max(worst, Math.abs(values[j]! - ref[j]!));
  }
  return worst / scale;
}

/** A small valid suite (LeNet-5 on MNIST, SGD and Adam, 3 seeds) that suite tests vary one key at a time. */
export const BASE_SUITE = {
  name: 't',
  models: ['lenet5'],
  datasets: ['mnist'],
  optimizers: [{ name: 'sgd', params: { lr: 0.1 } }, 'adam'],
  seeds: [1, 2, 3],
  epochs: 1,
};

/** The message of the InputError that resolving `raw` as suites/x.json throws. */
export const suiteProblems = (raw: unknown): string => inputErrorOf(() => resolveSuite(raw, 'suites/x.json'));

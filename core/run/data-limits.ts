/**
 * Datasets cut to their first n images: the test-only data limits (`RunOptions.dataLimits`), which let
 * tests train real models in a fraction of a second. The cut is recorded in the dataset's id and checksum
 * (`mnist-subset-6309-train256`), which keeps such results out of the cache entries and merges of full runs.
 *
 * This module only applies limits it is given; it reads no environment. The CLI fills them from
 * BENCH_TRAIN_LIMIT / BENCH_TEST_LIMIT (core/cli/test-limits.ts); a library caller passes them itself.
 */
import * as crypto from 'node:crypto';
import { loadDataset, type Dataset } from '../data';
import type { DataLimits } from '../results/run-info';

/** Whether `limits` cuts anything. */
export const hasLimits = (limits: DataLimits): boolean => limits.train !== undefined || limits.test !== undefined;

/** `ds` cut to the first `limits.train` / `limits.test` images; id and checksum record the cut. */
export function limitDataset(ds: Dataset, limits: DataLimits): Dataset {
  if (!hasLimits(limits)) return ds;
  const [h, w, c] = ds.imageShape;
  const cut = (s: Dataset['train'], n: number | undefined) => {
    if (n === undefined || n >= s.count) return s;
    return { images: s.images.subarray(0, n * h * w * c), labels: s.labels.subarray(0, n), count: n };
  };
  const train = cut(ds.train, limits.train);
  const test = cut(ds.test, limits.test);
  const tag = `${train.count < ds.train.count ? `-train${train.count}` : ''}${test.count < ds.test.count ? `-test${test.count}` : ''}`;
  if (!tag) return ds;
  const checksum = crypto.createHash('sha256').update(`${ds.checksum}${tag}`).digest('hex');
  return { ...ds, id: `${ds.id}${tag}`, checksum, train, test };
}

/** Loads dataset `name` with the data limits applied. */
export function loadRunDataset(name: string, dataDir: string, limits: DataLimits, log: (line: string) => void = () => {}): Dataset {
  return limitDataset(loadDataset(name, dataDir, log), limits);
}

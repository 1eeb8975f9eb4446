/**
 * Preprocessing a suite declares (`preprocessing` in the suite file), applied the same way to every
 * trial of the suite:
 * - `normalize: "scale"` (default): pixel / 255, in [0, 1].
 * - `normalize: "standardize"`: per channel, (pixel / 255 - mean) / std, with the mean and the
 *   population standard deviation computed over the training images in use (the official training
 *   split, or its `trainSubset`; the validation part drawn from it is included, the test set never),
 *   as torchvision's Normalize with statistics of the training set (seed 000's "normalize").
 * - `trainSubset: N`: only the first N images of the official training split, in file order, for
 *   quick runs. The first N rather than a seeded draw: every seed and every configuration then trains
 *   on the same images, and the seeded validation split is drawn from those N.
 * Zero-padding needs no declaration: images smaller than a model's input (MNIST's 28x28 for LeNet-5's
 * 32x32) are padded evenly with black pixels (value 0 before normalisation, as torchvision's Pad
 * before Normalize).
 */
import { InputError } from '../util/errors';
import type { Dataset, Split } from './dataset';

export interface Preprocessing {
  normalize: 'scale' | 'standardize';
  trainSubset?: number;
}

export const DEFAULT_PREPROCESSING: Preprocessing = { normalize: 'scale' };

/** Whether `p` is the default (so that configuration ids of suites without it stay as they were). */
export function isDefaultPreprocessing(p: Preprocessing | undefined): boolean {
  return !p || (p.normalize === 'scale' && p.trainSubset === undefined);
}

/** A short key for caching tensors per preprocessing. */
export function preprocessingKey(p: Preprocessing | undefined): string {
  const q = p ?? DEFAULT_PREPROCESSING;
  return `${q.normalize}/${q.trainSubset ?? 'all'}`;
}

/** `ds` with its training split cut to the first `p.trainSubset` images (no copy); `ds` itself when none. */
export function withTrainSubset(ds: Dataset, p: Preprocessing | undefined): Dataset {
  const n = p?.trainSubset;
  if (n === undefined || n === ds.train.count) return ds;
  if (n > ds.train.count) {
    throw new InputError(`preprocessing.trainSubset ${n} exceeds the ${ds.train.count} training images of dataset ${ds.id}`);
  }
  const per = ds.imageShape[0] * ds.imageShape[1] * ds.imageShape[2];
  const train: Split = { images: ds.train.images.subarray(0, n * per), labels: ds.train.labels.subarray(0, n), count: n };
  return { ...ds, train };
}

/** Per-channel mean and population standard deviation of `split`'s pixels scaled to [0, 1] (exact, in float64). */
export function channelStats(split: Split, channels: number): { mean: number[]; std: number[] } {
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  const img = split.images;
  for (let c = 0; c < channels; c++) {
    let s = 0;
    let q = 0;
    for (let i = c; i < img.length; i += channels) {
      const v = img[i]!;
      s += v;
      q += v * v;
    }
    sum[c] = s;
    sq[c] = q;
  }
  const n = img.length / channels;
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sq, (s, c) => Math.sqrt(Math.max(0, s / n - mean[c]! * mean[c]!)));
  return { mean: mean.map((m) => m / 255), std: std.map((s) => s / 255) };
}

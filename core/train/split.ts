/**
 * The validation split of a trial's training rows, drawn with its seeded data generator. Knows nothing
 * of tensors, models or training: only row indices.
 */
import type { Rng } from '../util/rng';

/** Splits `count` training indices into train and validation parts with the trial's data generator. */
export function splitIndices(count: number, fraction: number, rng: Rng): { train: Int32Array; val: Int32Array } {
  const idx = rng.shuffle(Int32Array.from({ length: count }, (_, i) => i));
  const nVal = Math.round(count * fraction);
  return { val: idx.slice(0, nVal).sort(), train: idx.slice(nVal).sort() };
}

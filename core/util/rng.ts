/**
 * The trial's seeded generator. Every random draw of a trial (initial weights, the validation split,
 * shuffling, dropout masks) comes from one of these, so a trial is reproduced by its seed alone.
 *
 * Backed by seedrandom's Alea (the generator tfjs itself uses for its seeded random ops).
 */
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer: a seed for tf.random* ops. */
  nextSeed(): number;
  /** Shuffles in place (Fisher-Yates) and returns the array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T;
}

/** A generator for `seed`; `stream` names an independent stream of the same trial (`init`, `data`, `dropout`). */
export function createRng(seed: number, stream = ''): Rng {
  const alea = seedrandom.alea(`${seed}/${stream}`);
  const next = (): number => alea.double();
  return {
    next,
    nextSeed: () => alea.int32() >>> 0,
    shuffle(a) {
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
      return a;
    },
  };
}

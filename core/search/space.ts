/**
 * Search spaces and the configurations a strategy draws from them.
 *
 * - `grid`: every combination; lists and `choice` give their values, continuous ranges `k` evenly spaced
 *   points (log-spaced for `logUniform`), `k` chosen so that the grid fits the budget; the grid is cut to
 *   the budget in order.
 * - `random`: independent uniform draws (log-uniform: uniform in log space) from a generator seeded by
 *   the search seed.
 * - `quasirandom`: a Halton sequence (bases 2, 3, 5, ...; @thi.ng/lowdisc) randomised by a
 *   Cranley–Patterson rotation (each dimension shifted by a seeded uniform, modulo 1) and a seeded skip:
 *   it covers the space more evenly than random draws, as AlgoPerf's quasirandom search does, and is
 *   reproducible from the search seed.
 *
 * Continuous values are rounded to 3 significant digits, so the parameters recorded are the ones tables show;
 * a rounded value outside the range is clamped to the range's end (0.9998 of [0.9, 0.9999] does not
 * become 1, which an exclusive maximum of 1 refuses), so the range's ends bound every value drawn.
 */
import { haltonND } from '@thi.ng/lowdisc';
import type { Params } from '../plugin/contracts';
import type { Dimension, Sampler, Space, Strategy } from '../suite/types';
import { createRng } from '../util/rng';

export type { Dimension, Sampler, Space, Strategy };

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47];

/** `v` to 3 significant digits, kept within [lo, hi]. */
const round3 = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Number(v.toPrecision(3))));

/** Values of a discrete dimension, or undefined for a continuous one. */
function discrete(d: Dimension): unknown[] | undefined {
  if (Array.isArray(d)) return d;
  if ('choice' in d) return d.choice;
  return undefined;
}

/** The value at `u` in [0, 1) of dimension `d`. */
export function valueAt(d: Dimension, u: number): unknown {
  const values = discrete(d);
  if (values) return values[Math.min(values.length - 1, Math.floor(u * values.length))];
  if ('logUniform' in d) {
    const [lo, hi] = d.logUniform;
    return round3(Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))), lo, hi);
  }
  const [lo, hi] = (d as { uniform: [number, number] }).uniform;
  return round3(lo + u * (hi - lo), lo, hi);
}

/** `configs` parameter sets drawn from `space` by `strategy`, reproducibly from `seed`. */
export function sampleSpace(space: Space, strategy: Sampler, configs: number, seed: number): Params[] {
  const keys = Object.keys(space).sort();
  if (keys.length === 0) return [{}];
  if (strategy === 'grid') return gridOf(space, keys, configs);
  const rng = createRng(seed, 'search');
  const points: number[][] = [];
  if (strategy === 'random') {
    for (let i = 0; i < configs; i++) points.push(keys.map(() => rng.next()));
  } else {
    if (keys.length > PRIMES.length) throw new Error(`quasirandom search supports at most ${PRIMES.length} dimensions`);
    const shift = keys.map(() => rng.next());
    const skip = 1 + Math.floor(rng.next() * 64);
    const seq = haltonND(PRIMES.slice(0, keys.length), skip);
    for (let i = 0; i < configs; i++) points.push(seq.next().value.map((u, j) => (u + shift[j]!) % 1));
  }
  return points.map((p) => Object.fromEntries(keys.map((k, j) => [k, valueAt(space[k]!, p[j]!)])) as Params);
}

function gridOf(space: Space, keys: string[], configs: number): Params[] {
  const discreteCount = keys.reduce((n, k) => n * (discrete(space[k]!)?.length ?? 1), 1);
  const continuous = keys.filter((k) => !discrete(space[k]!)).length;
  const k = continuous === 0 ? 1 : Math.max(1, Math.floor((configs / discreteCount) ** (1 / continuous) + 1e-9));
  const axes = keys.map((key) => {
    const d = space[key]!;
    const values = discrete(d);
    if (values) return values;
    return Array.from({ length: k }, (_, i) => valueAt(d, k === 1 ? 0.5 : i / (k - 1) - (i === k - 1 ? 1e-12 : 0)));
  });
  let combos: unknown[][] = [[]];
  for (const axis of axes) combos = combos.flatMap((c) => axis.map((v) => [...c, v]));
  return combos.slice(0, configs).map((c) => Object.fromEntries(keys.map((key, j) => [key, c[j]])) as Params);
}

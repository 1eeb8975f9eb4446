/**
 * Search spaces sampled by grid, random and quasirandom (Halton) strategies: reproducible from the seed, inside
 * the space, rounding kept inside ranges.
 */
import { sampleSpace, valueAt } from './space';

const lr = { lr: { logUniform: [1e-4, 1] as [number, number] } };

test('grid: log-spaced points of a log-uniform range, crossed with choices, cut to the budget', () => {
  expect(sampleSpace(lr, 'grid', 5, 0)).toEqual([{ lr: 0.0001 }, { lr: 0.001 }, { lr: 0.01 }, { lr: 0.1 }, { lr: 1 }]);
  // 8 configurations over 2 momentum values: 4 learning rates, 10^(-4 + 4i/3) to 3 digits.
  expect(sampleSpace({ ...lr, momentum: { choice: [0, 0.9] } }, 'grid', 8, 0)).toEqual([
    { lr: 0.0001, momentum: 0 },
    { lr: 0.0001, momentum: 0.9 },
    { lr: 0.00215, momentum: 0 },
    { lr: 0.00215, momentum: 0.9 },
    { lr: 0.0464, momentum: 0 },
    { lr: 0.0464, momentum: 0.9 },
    { lr: 1, momentum: 0 },
    { lr: 1, momentum: 0.9 },
  ]);
  expect(sampleSpace({ a: [1, 2, 3], b: ['x', 'y'] }, 'grid', 4, 0)).toEqual([
    { a: 1, b: 'x' },
    { a: 1, b: 'y' },
    { a: 2, b: 'x' },
    { a: 2, b: 'y' },
  ]);
});

test('quasirandom: a shifted Halton sequence, reproducible from the seed, every decade covered', () => {
  const q = sampleSpace(lr, 'quasirandom', 6, 0);
  // Golden: base-2 Halton points (1/2, 1/4, 3/4, ...) after a seeded skip, rotated by the seed's shift.
  expect(q).toEqual([{ lr: 0.00616 }, { lr: 0.616 }, { lr: 0.000347 }, { lr: 0.0347 }, { lr: 0.00347 }, { lr: 0.347 }]);
  expect(sampleSpace(lr, 'quasirandom', 6, 0)).toEqual(q);
  expect(sampleSpace(lr, 'quasirandom', 6, 1)).not.toEqual(q);
  // Each of the four decades gets a point (six independent draws miss one with probability 0.62).
  const decades = new Set(q.map((p) => Math.floor(Math.log10(p.lr as number))));
  expect([...decades].sort()).toEqual([-1, -2, -3, -4]);
});

test('random and quasirandom stay inside the space', () => {
  const space = { ...lr, beta2: { uniform: [0.9, 0.9999] as [number, number] }, momentum: [0, 0.9] };
  for (const strategy of ['random', 'quasirandom'] as const) {
    const s = sampleSpace(space, strategy, 50, 3);
    expect(s).toHaveLength(50);
    for (const p of s) {
      expect(p.lr).toBeGreaterThanOrEqual(1e-4);
      expect(p.lr).toBeLessThanOrEqual(1);
      expect(p.beta2).toBeGreaterThanOrEqual(0.9);
      expect(p.beta2).toBeLessThanOrEqual(0.9999);
      expect([0, 0.9]).toContain(p.momentum);
    }
    expect(sampleSpace(space, strategy, 50, 3)).toEqual(s);
  }
  expect(valueAt({ choice: ['a', 'b', 'c'] }, 0.999)).toBe('c');
  expect(valueAt({ uniform: [0, 10] }, 0.25)).toBe(2.5);
});

test('rounding to 3 significant digits never leaves the range', () => {
  // 0.9 + 0.999 * 0.0999 = 0.9998 rounds to 1, which an exclusive maximum of 1 (betas, alpha) refuses.
  expect(valueAt({ uniform: [0.9, 0.9999] }, 0.999)).toBe(0.9999);
  expect(valueAt({ uniform: [0.12345, 0.2] }, 0)).toBe(0.12345);
  expect(valueAt({ logUniform: [0.00012345, 0.1] }, 0)).toBe(0.00012345);
  expect(valueAt({ uniform: [0.9, 0.9999] }, 0.5)).toBe(0.95);
});

/** Initializers: exact values where defined, bounds, and moments on large tensors against their formulas. */
import type { InitContext, InitializerPlugin, Params } from '../../core/plugin/contracts';
import { useBackend } from '../../core/backends';
import { defaultParams } from '../../core/plugin/params';
import { Registry } from '../../core/plugin/registry';

const registry = Registry.builtIn();
const init = (name: string, ctx: InitContext, params: Params = {}): Float32Array => {
  const p = registry.get('initializer', name) as InitializerPlugin;
  const t = p.init(ctx, { ...defaultParams(p.params), ...params });
  expect(t.shape).toEqual(ctx.shape);
  const d = t.dataSync() as Float32Array;
  t.dispose();
  return d;
};

/** Sample mean, variance and the extremes. */
function moments(d: Float32Array) {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of d) {
    s += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = s / d.length;
  let q = 0;
  for (const v of d) q += (v - mean) ** 2;
  return { mean, variance: q / (d.length - 1), min, max };
}

beforeAll(async () => {
  await useBackend('cpu');
});

// A dense kernel 300 x 200 (fans declared as 400 and 300): 60,000 draws. The sample variance of n draws has relative sd
// sqrt(2 / n) = 0.6% for normals (less for uniforms); 3% tolerances are 5 sd (draws are seeded, so deterministic).
const dense: InitContext = { shape: [300, 200], fanIn: 400, fanOut: 300, seed: 7 };
// A conv kernel 5 x 5 x 16 x 32: fanIn 400, fanOut 800.
const conv: InitContext = { shape: [5, 5, 16, 32], fanIn: 400, fanOut: 800, seed: 11 };

describe('exact values', () => {
  it('zeros', () => expect(Array.from(init('zeros', { ...dense, shape: [3, 2] }))).toEqual([0, 0, 0, 0, 0, 0]));
  it('constant', () => expect(Array.from(init('constant', { ...dense, shape: [2, 2] }, { value: -0.75 }))).toEqual([-0.75, -0.75, -0.75, -0.75]));
  it('constant default is 0.1', () => expect(init('constant', { ...dense, shape: [1] })[0]).toBeCloseTo(0.1, 7));
});

describe('uniform initializers: bounds and variance a^2 / 3', () => {
  const cases: Array<[string, InitContext, Params, number]> = [
    ['glorot-uniform', dense, {}, Math.sqrt(6 / 700)],
    ['glorot-uniform', conv, { gain: 2 }, 2 * Math.sqrt(6 / 1200)],
    ['he-uniform', dense, {}, Math.sqrt(6 / 400)],
    ['he-uniform', conv, { mode: 'fanOut', negativeSlope: 0.2 }, Math.sqrt(2 / 1.04) * Math.sqrt(3 / 800)],
    ['random-uniform', dense, {}, 0.05],
  ];
  it.each(cases)('%s %j', (name, ctx, params, a) => {
    const m = moments(init(name, ctx, params));
    expect(m.min).toBeGreaterThanOrEqual(-a);
    expect(m.max).toBeLessThanOrEqual(a);
    expect(m.min).toBeLessThan(-0.99 * a); // the range is used up to its ends
    expect(m.max).toBeGreaterThan(0.99 * a);
    expect(Math.abs(m.mean)).toBeLessThan(0.02 * a);
    expect(m.variance / ((a * a) / 3)).toBeCloseTo(1, 1);
    expect(Math.abs(m.variance / ((a * a) / 3) - 1)).toBeLessThan(0.03);
  });
  it('random-uniform honours min and max', () => {
    const m = moments(init('random-uniform', dense, { min: 2, max: 3 }));
    expect(m.min).toBeGreaterThanOrEqual(2);
    expect(m.max).toBeLessThanOrEqual(3);
    expect(m.mean).toBeCloseTo(2.5, 2);
  });
});

describe('normal initializers: mean, variance, untruncated tails', () => {
  const cases: Array<[string, InitContext, Params, number, number]> = [
    ['random-normal', dense, {}, 0, 0.05],
    ['random-normal', dense, { mean: 1, std: 2 }, 1, 2],
    ['glorot-normal', dense, {}, 0, Math.sqrt(2 / 700)],
    ['glorot-normal', conv, { gain: 0.5 }, 0, 0.5 * Math.sqrt(2 / 1200)],
    ['he-normal', dense, {}, 0, Math.sqrt(2 / 400)],
    ['he-normal', conv, { mode: 'fanOut' }, 0, Math.sqrt(2 / 800)],
    ['lecun-normal', dense, {}, 0, Math.sqrt(1 / 400)],
  ];
  it.each(cases)('%s %j', (name, ctx, params, mean, std) => {
    const d = init(name, ctx, params);
    const m = moments(d);
    expect(Math.abs(m.mean - mean)).toBeLessThan((5 * std) / Math.sqrt(d.length));
    expect(Math.abs(m.variance / (std * std) - 1)).toBeLessThan(0.03);
    // Untruncated: about 4.6% of draws lie beyond 2 std (a truncated normal has none).
    const beyond = d.filter((v) => Math.abs(v - mean) > 2 * std).length / d.length;
    expect(beyond).toBeGreaterThan(0.04);
    expect(beyond).toBeLessThan(0.052);
  });
});

describe('seeds', () => {
  it('the same seed gives the same weights, another seed others', () => {
    const a = init('glorot-normal', dense);
    expect(init('glorot-normal', dense)).toEqual(a);
    expect(init('glorot-normal', { ...dense, seed: 8 })).not.toEqual(a);
  });
});

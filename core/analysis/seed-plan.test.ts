/**
 * `bench plan seeds` on hand-checked numbers: per-seed differences with sd exactly 0.5 points, so the
 * plan's numbers are 0.5 times the standardized ones of core/analysis/power.test.ts (scipy references
 * there): at 5 pairs and alpha 0.05, d = 1.68200 detects with 80% power, 10 pairs separate d = 1.
 */
import { makeTrial, seeds } from '../../test/fixtures/make-trial';
import { rankConfigurations } from './ranking';
import { planSeeds } from './seed-plan';

const best = [0.95, 0.96, 0.97, 0.94, 0.955];
// best minus 0.5, 1.5, 0.5, 1.5, 1.0 points: mean 1.0, deviations ±0.5 (four) and 0: sd = sqrt(1 / 4) = 0.5 points.
const x = [0.945, 0.945, 0.965, 0.925, 0.945];
// best minus 1.0, 2.0, 1.0, 2.0, 1.5 points: mean 1.5, sd 0.5 points.
const y = [0.94, 0.94, 0.96, 0.92, 0.94];
const z = [0.92, 0.93, 0.935, 0.91, 0.925];
const plan = (trials: ReturnType<typeof seeds>, extra: { delta?: number; top?: number; correction?: 'holm' | 'none' } = {}) =>
  planSeeds(trials, rankConfigurations(trials), { rankBy: 'testAccuracy', alpha: 0.05, correction: extra.correction ?? 'holm', delta: extra.delta, top: extra.top });

describe('planSeeds', () => {
  it('plans a pair at the level it is tested: detectable now, seeds for delta and for the observed difference', () => {
    const p = plan([...seeds('best', best), ...seeds('x', x)], { delta: 0.5 });
    expect(p).toMatchObject({ metric: 'testAccuracy', unit: 'points', power: 0.8, delta: 0.5 });
    expect(p.rows).toHaveLength(1);
    const r = p.rows[0]!;
    expect(r).toMatchObject({ workload: 'lenet5/mnist', best: 'best', other: 'x', design: 'paired', seeds: 5, level: 0.05 });
    expect(r.difference).toBeCloseTo(-1, 10);
    expect(r.sd).toBeCloseTo(0.5, 10);
    expect(r.detectable).toBeCloseTo(0.5 * 1.6819969659555547, 6);
    expect(r.seedsForDelta).toBe(10); // d = 0.5 / 0.5 = 1
    expect(r.seedsForObserved).toBe(5); // d = 1.0 / 0.5 = 2
    expect(r.wilcoxonMinimum).toBe(6);
  });

  it('holds the top pairs to Holm\'s strictest step, alpha / m over the m comparisons with the best', () => {
    const trials = [...seeds('best', best), ...seeds('x', x), ...seeds('y', y), ...seeds('z', z)];
    const p = plan(trials, { delta: 0.5, top: 2 });
    expect(p.rows.map((r) => r.other)).toEqual(['x', 'y']);
    for (const r of p.rows) {
      expect(r.level).toBeCloseTo(0.05 / 3, 15);
      expect(r.detectable).toBeCloseTo(0.5 * 2.2916492050677832, 6);
      expect(r.seedsForDelta).toBe(14);
      expect(r.wilcoxonMinimum).toBe(7);
    }
    expect(p.rows[0]!.seedsForObserved).toBe(6); // d = 2 at alpha / 3
    expect(plan(trials, { correction: 'none' }).rows[0]!.level).toBe(0.05);
  });

  it('plans configurations on different seeds as two independent samples', () => {
    const other = x.map((v, i) => makeTrial({ config: 'x', seed: 10 + i, testAccuracy: v }));
    const r = plan([...seeds('best', best), ...other]).rows[0]!;
    expect(r).toMatchObject({ design: 'independent', seeds: 5 });
    expect(r).not.toHaveProperty('seedsForDelta');
  });

  it('plans as two independent samples when the ranking does not pair (--test welch)', () => {
    const trials = [...seeds('best', best), ...seeds('x', x)];
    const r = planSeeds(trials, rankConfigurations(trials, { test: 'welch' }), { rankBy: 'testAccuracy', alpha: 0.05, correction: 'holm', test: 'welch' }).rows[0]!;
    // The pooled sd of the two: sqrt((sd(best)^2 + sd(x)^2) / 2) in points.
    const sd = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - v.reduce((s, w) => s + w, 0) / v.length) ** 2, 0) / (v.length - 1));
    expect(r).toMatchObject({ design: 'independent', seeds: 5 });
    expect(r.sd).toBeCloseTo(100 * Math.sqrt((sd(best) ** 2 + sd(x) ** 2) / 2), 9);
  });
});

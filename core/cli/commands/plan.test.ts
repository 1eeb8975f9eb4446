/**
 * `bench plan seeds`: the seed plan of a results file, as a table and as JSON, on the hand-checked
 * numbers of core/analysis/seed-plan.test.ts (per-seed differences with sd 0.5 points over 5 seeds:
 * 0.841 points detectable now at 80% power, 10 seeds for 0.5 points).
 */
import { fabricateResults } from '../../../test/fabricate';
import { cli, tempWriter } from '../../../test/helpers';

const { write } = tempWriter('bench-plan-');
const file = write('plan.json', fabricateResults({
  seeds: [1, 2, 3, 4, 5],
  configs: [
    { optimizer: 'adam', accuracy: [0.95, 0.96, 0.97, 0.94, 0.955], trainSeconds: [9, 9, 9, 9, 9] },
    { optimizer: 'sgd', accuracy: [0.945, 0.945, 0.965, 0.925, 0.945], trainSeconds: [8, 8, 8, 8, 8] },
  ],
}));

describe('bench plan seeds', () => {
  it('prints, per pair near the top, the difference detectable now and the seeds a difference needs', async () => {
    const r = await cli('plan', 'seeds', file, '--delta', '0.5');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('Seed plan for final test accuracy');
    expect(r.out).toMatch(/│ lenet5\/mnist │ adam │ sgd +│ +paired, 5 │ +-1\.000 │ +0\.500 │ +0\.0500 │ +0\.841 │ +10 │ +5 │/);
    expect(r.out).toContain('From 6 seeds --test auto ranks with the Wilcoxon signed-rank test');
  });

  it('prints JSON with --json, and refuses a delta that is not positive', async () => {
    const r = await cli('plan', 'seeds', file, '--delta', '0.5', '--json');
    const plan = JSON.parse(r.out);
    expect(plan).toMatchObject({ metric: 'testAccuracy', unit: 'points', power: 0.8, alpha: 0.05, correction: 'holm', delta: 0.5 });
    expect(plan.rows[0]).toMatchObject({ other: 'sgd', seeds: 5, seedsForDelta: 10, seedsForObserved: 5, wilcoxonMinimum: 6 });
    const bad = await cli('plan', 'seeds', file, '--delta', '-1');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--delta: expected a difference > 0 in the metric\'s unit (accuracy: points), got -1');
  });
});

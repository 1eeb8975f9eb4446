/**
 * The sequential mode's decisions on hand-checked numbers: the looks and their Bonferroni level, and
 * which configurations are still tied with the best at that level (they get the next seed).
 */
import { makeTrial, seeds } from '../../test/fixtures/make-trial';
import { rankConfigurations } from './ranking';
import { describeSequential, nextSeed, sequentialPlan, stillTied } from './sequential';

describe('sequentialPlan', () => {
  it('spends alpha over one look per seed count from the suite\'s to the most (Bonferroni)', () => {
    // 3 seeds to 5: looks at 3, 4 and 5 seeds, each at 0.05 / 3.
    expect(sequentialPlan(3, 5, 0.05)).toEqual({ maxSeeds: 5, alpha: 0.05, looks: 3, alphaPerLook: 0.05 / 3 });
    expect(sequentialPlan(1, 10, 0.1).alphaPerLook).toBeCloseTo(0.01, 15);
  });

  it('refuses a most that adds no seed', () => {
    expect(() => sequentialPlan(3, 3, 0.05)).toThrow('--seeds-until-separated 3: the suite already runs 3 seeds; give more than 3');
  });
});

describe('stillTied', () => {
  // best - b on seeds 1-3: d = [0.01, 0.02, 0.02], t = 5 with 2 df, p = 1 - 5/√27 = 0.03775;
  // best - c: d = [0.1, 0.1, 0.1], constant: p = 0. Holm over {b, c}: b's p stays 0.03775 (its own step, x1).
  const best = [0.91, 0.93, 0.94];
  const b = [0.9, 0.91, 0.92];
  const c = [0.81, 0.83, 0.84];
  const trials = [...seeds('best', best), ...seeds('b', b), ...seeds('c', c)];

  it('at the per-look level a difference that alpha would separate is still tied', () => {
    const perLook = rankConfigurations(trials, { alpha: 0.05 / 3 });
    expect(perLook.map((e) => [e.label, e.rank])).toEqual([['best', 1], ['b', 1], ['c', 3]]);
    expect(perLook[1]!.vsBest!.pAdjusted).toBeCloseTo(1 - 5 / Math.sqrt(27), 12);
    // The best and b get the next seed; c, separated, keeps its three.
    expect(stillTied(perLook, 0.05 / 3)).toEqual(['best-lenet5-mnist', 'b-lenet5-mnist']);
    // At 0.05 (a single look) b would be separated: nothing left to add.
    expect(stillTied(rankConfigurations(trials, { alpha: 0.05 }), 0.05)).toEqual([]);
  });

  it('counts a configuration the test cannot judge yet (one seed) as tied, one that failed as out', () => {
    const one = [makeTrial({ config: 'x', seed: 1, testAccuracy: 0.9 }), makeTrial({ config: 'y', seed: 1, testAccuracy: 0.8 })];
    expect(stillTied(rankConfigurations(one), 0.05)).toEqual(['x-lenet5-mnist', 'y-lenet5-mnist']);
    const z = [makeTrial({ config: 'z', seed: 1, status: 'failed' }), makeTrial({ config: 'z', seed: 2, testAccuracy: 0.99 }), makeTrial({ config: 'z', seed: 3, testAccuracy: 0.99 })];
    const failed = [...seeds('best', best), ...seeds('b', b), ...z];
    expect(stillTied(rankConfigurations(failed, { alpha: 0.01 }), 0.01)).toEqual(['best-lenet5-mnist', 'b-lenet5-mnist']);
  });

  it('decides per workload: one separated, another still tied', () => {
    const other = [...seeds('p', [0.5, 0.52, 0.51], { model: 'mlp' }), ...seeds('q', [0.5, 0.52, 0.5], { model: 'mlp' })];
    const r = rankConfigurations([...seeds('best', best), ...seeds('c', c), ...other], { alpha: 0.05 / 3 });
    expect(stillTied(r, 0.05 / 3)).toEqual(['p-mlp-mnist', 'q-mlp-mnist']);
  });
});

test('nextSeed is one past the largest seed run', () => {
  expect(nextSeed([1, 2, 3])).toBe(4);
  expect(nextSeed([7, 0])).toBe(8);
});

test('describeSequential says how alpha was spent, what was added and why it stopped', () => {
  const plan = sequentialPlan(2, 4, 0.05);
  expect(describeSequential({ ...plan, added: [{ seed: 3, configs: ['a', 'b'] }, { seed: 4, configs: ['a', 'b'] }], stopped: 'max-seeds' })).toBe(
    'Sequential (--seeds-until-separated 4): alpha = 0.05 spent over 3 looks (Bonferroni), each look and this ranking at alpha = 0.0167; ' +
      'seed 3 added to 2 configurations, seed 4 to 2; stopped at 4 seeds with configurations still tied with the best.',
  );
  expect(describeSequential({ ...plan, added: [], stopped: 'separated' })).toBe(
    'Sequential (--seeds-until-separated 4): alpha = 0.05 spent over 3 looks (Bonferroni), each look and this ranking at alpha = 0.0167; ' +
      'no seed added; stopped: every workload\'s best is separated from the rest.',
  );
});

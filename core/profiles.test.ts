import { makeTrial, seeds } from '../test/fixtures/make-trial';
import { performanceProfiles, profileScore, solverLabelOf } from './profiles';
import { rankConfigurations } from './ranking';

describe('performanceProfiles', () => {
  // Two workloads. Test error (1 - accuracy) as the cost:
  //   mnist:   adam 0.02, sgd 0.04, bad 0.03  -> ratios 1, 2, 1.5
  //   fashion: adam 0.10, sgd 0.05, bad diverged -> ratios 2, 1, Infinity
  const trials = [
    ...seeds('adam', [0.98, 0.98], { dataset: 'mnist', label: 'adam mnist' }),
    ...seeds('sgd', [0.96, 0.96], { dataset: 'mnist', label: 'sgd mnist' }),
    ...seeds('bad', [0.97, 0.97], { dataset: 'mnist', label: 'bad mnist' }),
    ...seeds('adam', [0.9, 0.9], { dataset: 'fashion', label: 'adam fashion' }),
    ...seeds('sgd', [0.95, 0.95], { dataset: 'fashion', label: 'sgd fashion' }),
    makeTrial({ config: 'bad', seed: 1, dataset: 'fashion', label: 'bad fashion', status: 'diverged' }),
  ];
  const ranking = rankConfigurations(trials);
  const p = performanceProfiles(trials, ranking, 'testAccuracy')!;

  it('computes performance ratios per workload, Infinity for a failed one', () => {
    expect(p.workloads).toEqual(['lenet5/fashion', 'lenet5/mnist']);
    const by = Object.fromEntries(p.solvers.map((s) => [s.label, s]));
    expect(by.adam!.ratios['lenet5/mnist']).toBeCloseTo(1, 12);
    expect(by.adam!.ratios['lenet5/fashion']).toBeCloseTo(2, 12);
    expect(by.sgd!.ratios['lenet5/mnist']).toBeCloseTo(2, 12);
    expect(by.bad!.ratios['lenet5/mnist']).toBeCloseTo(1.5, 12);
    expect(by.bad!.ratios['lenet5/fashion']).toBe(Infinity);
  });

  it("gives the step functions rho(tau) and AlgoPerf's score (area up to tau = 4, over 3)", () => {
    const by = Object.fromEntries(p.solvers.map((s) => [s.label, s]));
    expect(by.adam!.steps.map((s) => s.rho)).toEqual([0.5, 1]);
    // adam and sgd: 0.5 on [1, 2), 1 on [2, 4]: (0.5 * 1 + 1 * 2) / 3 = 0.8333...
    expect(by.adam!.score).toBeCloseTo(2.5 / 3, 12);
    expect(by.sgd!.score).toBeCloseTo(2.5 / 3, 12);
    // bad: 0 on [1, 1.5), 0.5 on [1.5, 4]: 0.5 * 2.5 / 3 = 0.41666...
    expect(by.bad!.score).toBeCloseTo(1.25 / 3, 12);
    expect(p.solvers.map((s) => s.label)).toEqual(['adam', 'sgd', 'bad']);
  });

  it('is undefined for a single workload', () => {
    const one = seeds('adam', [0.9, 0.91]);
    expect(performanceProfiles(one, rankConfigurations(one), 'testAccuracy')).toBeUndefined();
  });
});

describe('profileScore', () => {
  it('integrates the right-continuous step function over [1, tauMax]', () => {
    expect(profileScore([{ tau: 1, rho: 1 }])).toBe(1);
    expect(profileScore([])).toBe(0);
    expect(profileScore([{ tau: 3, rho: 1 }])).toBeCloseTo(1 / 3, 15);
    expect(profileScore([{ tau: 5, rho: 1 }])).toBe(0);
    expect(profileScore([{ tau: 1, rho: 0.5 }, { tau: 2, rho: 1 }], 2)).toBe(0.5);
  });
});

describe('solverLabelOf', () => {
  it('drops the model and dataset that labels append when a suite varies them', () => {
    expect(solverLabelOf(makeTrial({ config: 'adam', seed: 1, label: 'adam(lr=0.01) dropout lenet5 mnist' }))).toBe('adam(lr=0.01) dropout');
    expect(solverLabelOf(makeTrial({ config: 'adam', seed: 1, label: 'adam(lr=0.01)' }))).toBe('adam(lr=0.01)');
  });
});

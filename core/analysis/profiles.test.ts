/**
 * Performance profiles against hand-computed ratios and step functions: per-workload ratios (Infinity for
 * a failed workload), rho(tau), AlgoPerf's score, and what counts as one solver across workloads.
 */
import * as path from 'node:path';
import { makeTrial, seeds } from '../../test/fixtures/make-trial';
import { performanceProfiles, profileScore, type RunSettings, solverIdOf, solverLabelOf } from './profiles';
import { rankConfigurations } from './ranking';
import type { TrialRecord } from '../train/record';
import { solverIdOfConfig } from '../suite/expand';
import { loadSuite } from '../suite/load';
import { type Trial } from '../suite/types';

const SCALE: RunSettings = { validationFraction: 0.1, preprocessing: { normalize: 'scale' } };
const scaled = () => SCALE;

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
  const p = performanceProfiles(trials, ranking, 'testAccuracy', scaled)!;

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
    expect(performanceProfiles(one, rankConfigurations(one), 'testAccuracy', scaled)).toBeUndefined();
  });
});

/** A record of `trial` (its configuration as the runner records it) with the given test accuracy. */
function recordOf(trial: Trial, testAccuracy: number): TrialRecord {
  const c = trial.config;
  const base = makeTrial({ config: trial.configId, seed: trial.seed, testAccuracy, model: c.model, dataset: c.dataset, label: trial.label });
  return { ...base, id: trial.id, configId: trial.configId, ...c, model: base.model, dataset: base.dataset };
}

describe('performanceProfiles: a solver is everything that defines the training but the workload', () => {
  // suites/learning-rate-decay.json: sgd lr 0.01 with a constant rate and with exponential decay, on two CIFAR-10 models.
  const suite = loadSuite(path.join(__dirname, '..', '..', 'suites', 'learning-rate-decay.json'));
  const settings: RunSettings = { validationFraction: suite.spec.validationFraction, preprocessing: suite.spec.preprocessing };
  //   test error:  cifar-cnn-keras  linear-3072
  //   constant     0.30             0.60
  //   exp-0.999    0.32             0.58
  const accuracy: Record<string, number> = { 'constant cifar-cnn-keras': 0.7, 'exp-0.999 cifar-cnn-keras': 0.68, 'constant linear-3072': 0.4, 'exp-0.999 linear-3072': 0.42 };
  const trials = suite.trials.map((t) => recordOf(t, accuracy[t.label]!));

  it('keeps the constant and the decayed sgd of learning-rate-decay.json apart', () => {
    const p = performanceProfiles(trials, rankConfigurations(trials), 'testAccuracy', () => settings)!;
    expect(p.workloads).toEqual(['cifar-cnn-keras/cifar10', 'linear-3072/cifar10']);
    expect(p.solvers.map((s) => s.label).sort()).toEqual(['constant', 'exp-0.999']);
    const by = Object.fromEntries(p.solvers.map((s) => [s.label, s.ratios]));
    expect(by.constant!['cifar-cnn-keras/cifar10']).toBe(1);
    expect(by.constant!['linear-3072/cifar10']).toBeCloseTo(0.6 / 0.58, 12);
    expect(by['exp-0.999']!['cifar-cnn-keras/cifar10']).toBeCloseTo(0.32 / 0.3, 12);
    expect(by['exp-0.999']!['linear-3072/cifar10']).toBe(1);
  });

  it('keeps configurations apart that differ only in their preprocessing, with distinct labels', () => {
    // The same adam on two workloads, run once with the default scaling and once standardized (two results files).
    const adam = (config: string, accuracies: [number, number]) => [
      ...seeds(config, [accuracies[0]], { dataset: 'mnist', label: 'adam mnist' }),
      ...seeds(config, [accuracies[1]], { dataset: 'fashion', label: 'adam fashion' }),
    ].map((t) => ({ ...t, optimizer: { name: 'adam', params: {}, label: 'adam' } }));
    const both = [...adam('scaled', [0.98, 0.9]), ...adam('standardized', [0.97, 0.92])];
    const standardized: RunSettings = { ...SCALE, preprocessing: { normalize: 'standardize' } };
    const p = performanceProfiles(both, rankConfigurations(both), 'testAccuracy', (t) => (t.configId.startsWith('standardized') ? standardized : SCALE))!;
    expect(p.solvers).toHaveLength(2);
    const labels = p.solvers.map((s) => s.label);
    expect(new Set(labels).size).toBe(2);
    for (const s of p.solvers) expect(s.label).toBe(`adam [${s.solverId.slice(0, 6)}]`);
    const scaledSolver = p.solvers.find((s) => s.ratios['lenet5/mnist'] === 1)!;
    expect(scaledSolver.ratios['lenet5/fashion']).toBeCloseTo(0.1 / 0.08, 12);
  });

  it('gives a solver the id of its configuration without model and dataset (one definition of a configuration)', () => {
    const ids = new Set(trials.map((t) => solverIdOf(t, settings)));
    expect(ids.size).toBe(2);
    // The hash configIdOf takes, with the workload taken away.
    const { model, dataset, ...training } = suite.trials[0]!.config;
    expect([model, dataset]).toEqual(['cifar-cnn-keras', 'cifar10']);
    expect(solverIdOf(trials[0]!, settings)).toBe(solverIdOfConfig(training));
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

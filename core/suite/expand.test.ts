/** Expansion of a suite into trials: the grid times the seeds, labels, and ids that stay the same across versions. */
import { BASE_SUITE as base, suiteProblems as problems } from '../../test/helpers';
import { configIdOf, solverIdOfConfig } from './expand';
import { resolveSuite } from './load';


describe('suite expansion', () => {
  it('expands the grid times the seeds, with schema defaults filled in', () => {
    const s = resolveSuite({ ...base, regularizers: [[], [{ name: 'dropout', params: { rate: 0.4 } }]] }, 'x.json');
    expect(s.trials).toHaveLength(2 * 2 * 3);
    expect(s.spec.batchSize).toBe(64);
    expect(s.spec.validationFraction).toBe(0.1);
    const t = s.trials[0]!;
    expect(t.id).toBe(`${t.configId}-s1`);
    expect(t.config.optimizer).toEqual({ name: 'sgd', params: expect.objectContaining({ lr: 0.1, momentum: 0 }), label: 'sgd(lr=0.1)' });
    expect(t.config.initializer.name).toBe('glorot-uniform');
    expect(t.config.activation.name).toBe('relu');
    expect(s.trials.map((x) => x.label)).toContain('adam dropout(rate=0.4)');
    expect(s.trials.find((x) => x.label === 'adam dropout(rate=0.4)')!.config.regularizers[0]!.placement).toEqual(['dense']);
  });

  it('gives stable ids: equal configurations equal ids, labels not part of them', () => {
    const a = resolveSuite(base, 'a.json').trials;
    const b = resolveSuite({ ...base, name: 'other', optimizers: [{ name: 'sgd', params: { lr: 0.1 }, label: 'plain' }, 'adam'] }, 'b.json').trials;
    expect(b.map((t) => t.id)).toEqual(a.map((t) => t.id));
    expect(b[0]!.label).toBe('plain');
    const c = resolveSuite({ ...base, optimizers: [{ name: 'sgd', params: { lr: 0.2 } }] }, 'c.json').trials;
    expect(c[0]!.configId).not.toBe(a[0]!.configId);
    // An explicit default equals the implicit one.
    const d = resolveSuite({ ...base, optimizers: [{ name: 'adam', params: { lr: 0.001 } }] }, 'd.json').trials;
    expect(d[0]!.configId).toBe(a[3]!.configId);
  });

  it('refuses identical configurations', () => {
    expect(problems({ ...base, optimizers: ['adam', { name: 'adam', params: {} }] })).toMatch(/two configurations are identical/);
  });
});

describe('trial ids', () => {
  it('are the ids earlier versions gave (results and caches are keyed by them)', () => {
    const optimizers = [{ name: 'sgd', params: { lr: 0.1 } }, { name: 'adam', schedule: { name: 'cosine' } }];
    const s = resolveSuite({ ...base, optimizers, regularizers: [[], ['dropout']], seeds: [1] }, 'x.json');
    expect(s.trials.map((t) => [t.id, t.label])).toEqual([
      ['99c189361c5d-s1', 'sgd(lr=0.1) no-reg'],
      ['ab778cdc3b60-s1', 'sgd(lr=0.1) dropout'],
      ['5e02b8828099-s1', 'adam cosine(etaMin=0) no-reg'],
      ['ac88395ae447-s1', 'adam cosine(etaMin=0) dropout'],
    ]);
  });

  it('leave out a constant schedule without warm-up and the default preprocessing', () => {
    const [plain] = resolveSuite({ ...base, seeds: [1] }, 'x.json').trials;
    const constant = resolveSuite({ ...base, optimizers: [{ name: 'sgd', params: { lr: 0.1 }, schedule: { name: 'constant' } }], seeds: [1] }, 'x.json').trials[0]!;
    const scaled = resolveSuite({ ...base, preprocessing: { normalize: 'scale' }, seeds: [1] }, 'x.json').trials[0]!;
    expect(constant.id).toBe(plain!.id);
    expect(scaled.id).toBe(plain!.id);
    expect(configIdOf(plain!.config)).toBe(plain!.configId);
    const { model: _m, dataset: _d, ...solver } = plain!.config;
    expect(solverIdOfConfig(solver)).not.toBe(plain!.configId);
    expect(solverIdOfConfig({ ...solver, optimizer: { ...solver.optimizer, label: 'renamed' } })).toBe(solverIdOfConfig(solver));
  });
});

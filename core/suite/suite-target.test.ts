/**
 * A suite's target (metric reaching a value) and rankBy: accepted, recorded in the spec, refused when
 * inconsistent.
 */
import { resolveSuite } from './load';

const base = { name: 't', models: ['lenet5'], datasets: ['mnist'], optimizers: ['sgd'], seeds: [1], epochs: 1 };

describe('suite target and rankBy', () => {
  it('accepts a target and a rankBy, and records them in the spec', () => {
    const s = resolveSuite({ ...base, target: { metric: 'valAccuracy', value: 0.98 }, rankBy: 'timeToTarget' }, 's.json');
    expect(s.spec.target).toEqual({ metric: 'valAccuracy', value: 0.98 });
    expect(s.spec.rankBy).toBe('timeToTarget');
  });

  it('refuses timeToTarget without a target, an unknown metric and an unknown rankBy', () => {
    expect(() => resolveSuite({ ...base, rankBy: 'timeToTarget' }, 's.json')).toThrow(/\$\.rankBy: ranking by timeToTarget needs a "target"/);
    expect(() => resolveSuite({ ...base, target: { metric: 'testAccuracy', value: 1 } }, 's.json')).toThrow(/\$\.target\.metric/);
    expect(() => resolveSuite({ ...base, rankBy: 'speed' }, 's.json')).toThrow(/\$\.rankBy/);
  });
});

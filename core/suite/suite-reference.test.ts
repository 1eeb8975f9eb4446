/** A suite's `reference` block: published figures, validated by the schema and carried untouched. */
import { inputErrorOf } from '../../test/helpers';
import { resolveSuite } from './load';

const base = { name: 't', models: ['lenet5'], datasets: ['mnist'], optimizers: [{ name: 'adam', label: 'adam' }], seeds: [1], epochs: 1 };

const problems = (raw: unknown): string => inputErrorOf(() => resolveSuite(raw, 'suites/x.json'));

describe('suite reference', () => {
  it('is carried into the spec unchanged and does not change trial ids', () => {
    const reference = { source: 'seed 003 report, table 2', notes: '60,000 images', testAccuracy: { adam: 0.9875, sgd: [0.9, 0.95] } };
    const withRef = resolveSuite({ ...base, reference }, 'x.json');
    expect(withRef.spec.reference).toEqual(reference);
    expect(withRef.trials.map((t) => t.id)).toEqual(resolveSuite(base, 'x.json').trials.map((t) => t.id));
  });

  it('needs a source, and numbers or [low, high] pairs as figures', () => {
    expect(problems({ ...base, reference: { testAccuracy: { adam: 0.98 } } })).toMatch(/\$\.reference.*source/);
    expect(problems({ ...base, reference: { source: 's', testAccuracy: { adam: '98%' } } })).toContain('$.reference.testAccuracy.adam');
    expect(problems({ ...base, reference: { source: 's', testAccuracy: { adam: [0.9, 0.95, 0.99] } } })).toContain('$.reference.testAccuracy.adam');
    expect(problems({ ...base, reference: { source: 's', testAccuracy: 0.98 } })).toContain('$.reference.testAccuracy');
  });
});

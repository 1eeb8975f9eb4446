/** Suites: learning-rate schedules next to an optimizer, and batchSize "full". */
import { InputError } from '../util/errors';
import { resolveSuite } from './load';

const base = { name: 's', models: ['lenet5'], datasets: ['mnist'], seeds: [1], epochs: 3 };
const suite = (extra: Record<string, unknown>) => resolveSuite({ ...base, ...extra }, 'suite.json');
const problems = (extra: Record<string, unknown>) => {
  try {
    suite(extra);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
};

it('records the schedule with its defaults in the optimizer choice and its label', () => {
  const s = suite({ optimizers: [{ name: 'sgd', params: { lr: 0.1 }, schedule: { name: 'exponential' } }] });
  const o = s.trials[0]!.config.optimizer;
  expect(o.schedule).toEqual({ name: 'exponential', gamma: 0.999, warmupEpochs: 0 });
  expect(o.label).toBe('sgd(lr=0.1) exponential(gamma=0.999)');
});

it('keeps configuration ids of suites without schedules; a constant schedule is the same configuration', () => {
  const plain = suite({ optimizers: [{ name: 'sgd', params: { lr: 0.1 } }] }).trials[0]!.configId;
  expect(suite({ optimizers: [{ name: 'sgd', params: { lr: 0.1 }, schedule: { name: 'constant' } }] }).trials[0]!.configId).toBe(plain);
  const ids = suite({
    optimizers: [
      { name: 'sgd', params: { lr: 0.1 } },
      { name: 'sgd', params: { lr: 0.1 }, schedule: { name: 'cosine' } },
      { name: 'sgd', params: { lr: 0.1 }, schedule: { name: 'cosine', warmupEpochs: 1 } },
    ],
  }).trials.map((t) => t.configId);
  expect(new Set(ids).size).toBe(3);
});

it('reports schedule problems with their JSON paths', () => {
  const msg = problems({ optimizers: [{ name: 'sgd', schedule: { name: 'step', stepSize: 0 } }, { name: 'adam', schedule: { name: 'warm' } }] });
  expect(msg).toContain('$.optimizers[0].schedule.stepSize: must be >= 1');
  expect(msg).toContain('$.optimizers[1].schedule.name');
});

it('accepts batchSize "full" and 1, and rejects other strings', () => {
  expect(suite({ optimizers: ['sgd'], batchSize: 'full' }).trials[0]!.config.batchSize).toBe('full');
  expect(suite({ optimizers: ['sgd'], batchSize: 1 }).trials[0]!.config.batchSize).toBe(1);
  expect(suite({ optimizers: ['sgd'] }).trials[0]!.config.batchSize).toBe(64);
  expect(problems({ optimizers: ['sgd'], batchSize: 'half' })).toContain('$.batchSize');
});

/**
 * Preflight of a suite against its loaded data: batch sizes, training subsets and model input shapes checked
 * before anything trains.
 */
import { smallMnist } from '../../test/helpers';
import { InputError } from '../util/errors';
import { preflight } from './preflight';
import { resolveSuite } from './load';

const base = { name: 'p', models: ['lenet5'], datasets: ['mnist'], optimizers: ['sgd'], seeds: [1], epochs: 1 };
const data = new Map([['mnist', smallMnist(100, 10)]]);

describe('preflight', () => {
  it('passes a suite that fits its data', () => {
    expect(() => preflight(resolveSuite({ ...base, batchSize: 90 }, 's.json'), data)).not.toThrow();
  });

  it('reports a batch larger than the training split, a subset larger than the data and a model that does not fit, at once', () => {
    const suite = resolveSuite({ ...base, models: ['lenet5', 'cifar-cnn'], batchSize: 91, validationFraction: 0.1 }, 's.json');
    let err: unknown;
    try {
      preflight(suite, data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      's.json: cannot run on this data (2 problems)\n' +
        '  $.batchSize: 91 is larger than the 90 training images of mnist-small-100-10 left after the validation split\n' +
        '  $.models: model cifar-cnn takes 32x32x3 inputs; dataset mnist has 28x28x1 images',
    );
    const sub = resolveSuite({ ...base, preprocessing: { trainSubset: 500 } }, 's.json');
    expect(() => preflight(sub, data)).toThrow('$.preprocessing.trainSubset: 500 is more than the 100 training images of mnist-small-100-10');
  });
});

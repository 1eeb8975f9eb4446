/** Shared test fixtures: a small real dataset cut from the embedded MNIST subset. */
import type { Dataset } from '../core/data';
import { loadEmbeddedMnist } from '../core/data/mnist';

let cached: Dataset | undefined;

/** The first `train` training and `test` test images of the embedded MNIST subset, as a dataset. */
export function smallMnist(train = 512, test = 256): Dataset {
  cached ??= loadEmbeddedMnist();
  const px = 28 * 28;
  return {
    ...cached,
    id: `mnist-small-${train}-${test}`,
    train: { images: cached.train.images.subarray(0, train * px), labels: cached.train.labels.subarray(0, train), count: train },
    test: { images: cached.test.images.subarray(0, test * px), labels: cached.test.labels.subarray(0, test), count: test },
  };
}

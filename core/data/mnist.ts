/**
 * MNIST from `<data-dir>/mnist/<official file names>`, or the embedded subset shipped in data/mnist-subset
 * (the first 6,309 official training images and the 10,000 official test images) when the full set is
 * absent. A present but corrupt file is an error, never a reason to fall back.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { PACKAGE_ROOT } from '../paths';
import { checksumFiles, type Dataset, type Split } from './dataset';
import { readIdx } from './idx';

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};

export const EMBEDDED_MNIST_DIR = path.join(PACKAGE_ROOT, 'data', 'mnist-subset');

const EMBEDDED_FILES = {
  trainImages: 'train-images-first6309-idx3-ubyte.gz',
  trainLabels: 'train-labels-first6309-idx1-ubyte.gz',
  testImages: MNIST_FILES.testImages,
  testLabels: MNIST_FILES.testLabels,
};

/** Reads an image file and its label file as one split, checking that they agree. */
export function readIdxSplit(imagesFile: string, labelsFile: string, shape: [number, number, number]): Split {
  const images = readIdx(imagesFile);
  const labels = readIdx(labelsFile);
  const [h, w] = shape;
  if (images.dims.length !== 3 || images.dims[1] !== h || images.dims[2] !== w) {
    throw new InputError(`${imagesFile}: expected images of ${h}x${w}, found dimensions ${images.dims.join('x')}`);
  }
  if (labels.dims.length !== 1) throw new InputError(`${labelsFile}: expected a 1-D label file, found ${labels.dims.join('x')}`);
  if (labels.dims[0] !== images.dims[0]) {
    throw new InputError(`${labelsFile}: ${labels.dims[0]} labels for ${images.dims[0]} images in ${path.basename(imagesFile)}`);
  }
  const bad = labels.data.findIndex((l) => l > 9);
  if (bad >= 0) throw new InputError(`${labelsFile}: label ${labels.data[bad]} at index ${bad} is not a digit 0-9`);
  return { images: images.data, labels: labels.data, count: images.dims[0]! };
}

function loadFrom(dir: string, files: typeof MNIST_FILES, id: string, name: string): Dataset {
  const p = (f: string) => path.join(dir, f);
  const shape: [number, number, number] = [28, 28, 1];
  const train = readIdxSplit(p(files.trainImages), p(files.trainLabels), shape);
  const test = readIdxSplit(p(files.testImages), p(files.testLabels), shape);
  const sums = checksumFiles(Object.values(files).map(p));
  return { id, name, source: dir, ...sums, imageShape: shape, numClasses: 10, train, test };
}

/** The IDX dataset `name` (mnist layout) in `<dataDir>/<name>`, or undefined when none of its files are there. */
export function loadIdxDataset(dataDir: string, name: string): Dataset | undefined {
  const dir = path.join(dataDir, name);
  const present = Object.values(MNIST_FILES).filter((f) => fs.existsSync(path.join(dir, f)));
  if (present.length === 0) return undefined;
  if (present.length < 4) {
    const missing = Object.values(MNIST_FILES).filter((f) => !present.includes(f));
    throw new InputError(`${dir}: incomplete ${name} (missing ${missing.join(', ')})`);
  }
  return loadFrom(dir, MNIST_FILES, name, name);
}

/** The embedded MNIST subset. */
export function loadEmbeddedMnist(): Dataset {
  return loadFrom(EMBEDDED_MNIST_DIR, EMBEDDED_FILES, 'mnist-subset-6309', 'mnist');
}

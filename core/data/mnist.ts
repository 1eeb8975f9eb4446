/**
 * MNIST (LeCun, Cortes and Burges): 28x28 greyscale digits, 60,000 training and 10,000 test images, in
 * `<data-dir>/mnist/<official file names>` (gzipped or decompressed). When no MNIST file is found the
 * embedded subset shipped in data/mnist-subset is used, and announced: the first 6,309 official
 * training images with their labels and the 10,000 official test images. A present but incomplete or
 * corrupt set is an error, never a reason to fall back.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../util/paths';
import type { Dataset } from './dataset';
import { decodeIdxDataset, type IdxFiles, withoutGz } from './idx';
import { checkAll, type DatasetProvider, describe, loadLocated, locate, type RawFile } from './provider';

/** The official file names. */
export const MNIST_FILES: IdxFiles = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};

export const EMBEDDED_MNIST_DIR = path.join(PACKAGE_ROOT, 'data', 'mnist-subset');

/** The embedded subset's files. */
export const EMBEDDED_FILES: IdxFiles = {
  trainImages: 'train-images-first6309-idx3-ubyte.gz',
  trainLabels: 'train-labels-first6309-idx1-ubyte.gz',
  testImages: MNIST_FILES.testImages,
  testLabels: MNIST_FILES.testLabels,
};

/** The embedded subset, checked against its recorded checksums; id `mnist-subset-<train count>`. */
export function loadEmbeddedMnist(): Dataset {
  const files = new Map<string, RawFile>(
    Object.values(EMBEDDED_FILES).map((f) => {
      const p = path.join(EMBEDDED_MNIST_DIR, f);
      return [f, { file: f, path: p, raw: fs.readFileSync(p) }];
    }),
  );
  const { train, test } = decodeIdxDataset(files, EMBEDDED_FILES, mnist.imageShape, mnist.numClasses);
  const checks = checkAll('mnist-subset', [...files.values()], EMBEDDED_MNIST_DIR);
  return describe(mnist, EMBEDDED_MNIST_DIR, checks, train, test, `mnist-subset-${train.count}`);
}

export const mnist: DatasetProvider = {
  name: 'mnist',
  summary: 'MNIST handwritten digits, 28x28x1, 10 classes, 60,000 + 10,000 (embedded subset of 6,309 + 10,000 when absent)',
  imageShape: [28, 28, 1],
  numClasses: 10,
  sizes: { train: 60_000, test: 10_000 },
  files: Object.values(MNIST_FILES),
  alternatives: withoutGz,
  source: {
    // yann.lecun.com serves plain http only; these https mirrors hold the byte-identical files
    // (torchvision's and TensorFlow's download locations).
    baseUrls: ['https://ossci-datasets.s3.amazonaws.com/mnist', 'https://storage.googleapis.com/cvdf-datasets/mnist'],
    downloads: Object.values(MNIST_FILES),
    homepage: 'http://yann.lecun.com/exdb/mnist/',
  },
  decode: (files) => decodeIdxDataset(files, MNIST_FILES, [28, 28, 1], 10),
  fallback: loadEmbeddedMnist,
};

/**
 * The IDX dataset `name` (MNIST's layout and file names) in `<dataDir>/<name>/`, or undefined when none
 * of its files is there; incomplete or corrupt files are an InputError. Kept for callers of the
 * harness API; `loadDataset` (core/data/index.ts) is the entry point.
 */
export function loadIdxDataset(dataDir: string, name = 'mnist'): Dataset | undefined {
  const p: DatasetProvider = name === mnist.name ? mnist : { ...mnist, name, summary: name, fallback: undefined };
  const loc = locate(p, dataDir);
  return loc ? loadLocated(p, loc) : undefined;
}

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 28x28 greyscale images of 10 kinds of clothing,
 * 60,000 training and 10,000 test, in MNIST's IDX format and file names. Found in
 * `<data-dir>/fashion-mnist/`, else where Debian's dataset-fashion-mnist package installs it
 * (/usr/share/datasets/fashion-mnist; its files are recompressed, so they are identified by the md5
 * of their decompressed content).
 */
import { decodeIdxDataset, withoutGz } from './idx';
import { MNIST_FILES } from './mnist';
import type { DatasetProvider } from './provider';

/** Where Debian's package puts the files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export const fashionMnist: DatasetProvider = {
  name: 'fashion-mnist',
  summary: 'Fashion-MNIST (Zalando), 28x28x1, 10 classes, 60,000 + 10,000; also found in /usr/share/datasets/fashion-mnist',
  imageShape: [28, 28, 1],
  numClasses: 10,
  sizes: { train: 60_000, test: 10_000 },
  files: Object.values(MNIST_FILES),
  alternatives: withoutGz,
  systemDirs: [DEBIAN_FASHION_MNIST_DIR],
  source: {
    baseUrls: ['https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion'],
    downloads: Object.values(MNIST_FILES),
    homepage: 'https://github.com/zalandoresearch/fashion-mnist',
    note: `On Debian and Ubuntu: apt-get install dataset-fashion-mnist (found in ${DEBIAN_FASHION_MNIST_DIR} without configuration).`,
  },
  decode: (files) => decodeIdxDataset(files, MNIST_FILES, [28, 28, 1], 10),
};

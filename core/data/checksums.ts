/**
 * The published checksums of every official file the datasets are read from, in one table.
 *
 * `md5` is the checksum of the file as its publisher distributes it. For gzipped IDX files `contentMd5`
 * is the md5 of the decompressed file: Debian's dataset-fashion-mnist package recompresses the files
 * (their .gz md5 differ from Zalando's) but their contents are byte-identical to the published ones, and
 * a user may keep the files decompressed. Sources:
 * - MNIST: the md5 of the four .gz files as torchvision and /work/shared/data/README.md list them; the
 *   decompressed md5 as torchvision's processed-file checks list them (the shipped test files match both).
 * - Fashion-MNIST: the README of github.com/zalandoresearch/fashion-mnist ("Get the Data") for the .gz
 *   files; the decompressed md5 as torchvision lists them (Debian's files match these).
 * - CIFAR-10: the CIFAR page publishes only the md5 of cifar-10-binary.tar.gz; the md5 of the six
 *   extracted .bin files are the ones other projects check after extraction (flashlight's and
 *   MLModelScope's dataset scripts agree), each file 30,730,000 bytes.
 * - The embedded MNIST subset: the md5 recorded when it was cut from the official files (data/mnist-subset).
 */

/** One file as a dataset directory holds it. */
export interface KnownFile {
  /** The dataset (`mnist`, `fashion-mnist`, `cifar10`, `mnist-subset`). */
  dataset: string;
  /** The official file name. */
  file: string;
  /** md5 of the file as published (hex). */
  md5: string;
  /** md5 of the decompressed file, for gzipped files. */
  contentMd5?: string;
  /** Exact size in bytes where the format fixes it. */
  bytes?: number;
}

/** A download that holds several files (CIFAR-10's tarball). */
export interface KnownArchive {
  dataset: string;
  file: string;
  md5: string;
}

export const KNOWN_FILES: readonly KnownFile[] = [
  { dataset: 'mnist', file: 'train-images-idx3-ubyte.gz', md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873', contentMd5: '6bbc9ace898e44ae57da46a324031adb' },
  { dataset: 'mnist', file: 'train-labels-idx1-ubyte.gz', md5: 'd53e105ee54ea40749a09fcbcd1e9432', contentMd5: 'a25bea736e30d166cdddb491f175f624' },
  { dataset: 'mnist', file: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3', contentMd5: '2646ac647ad5339dbf082846283269ea' },
  { dataset: 'mnist', file: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c', contentMd5: '27ae3e4e09519cfbb04c329615203637' },

  { dataset: 'mnist-subset', file: 'train-images-first6309-idx3-ubyte.gz', md5: '87139cefb28ad256520cde17147d6343', contentMd5: '5fab9f8a8a924c02557fa0ce16cfab0c' },
  { dataset: 'mnist-subset', file: 'train-labels-first6309-idx1-ubyte.gz', md5: 'be62c4e19ca6615518c505609ba6e532', contentMd5: '980bfb4606173c58c36fb03ba54357e1' },
  { dataset: 'mnist-subset', file: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3', contentMd5: '2646ac647ad5339dbf082846283269ea' },
  { dataset: 'mnist-subset', file: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c', contentMd5: '27ae3e4e09519cfbb04c329615203637' },

  { dataset: 'fashion-mnist', file: 'train-images-idx3-ubyte.gz', md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d', contentMd5: 'f4a8712d7a061bf5bd6d2ca38dc4d50a' },
  { dataset: 'fashion-mnist', file: 'train-labels-idx1-ubyte.gz', md5: '25c81989df183df01b3e8a0aad5dffbe', contentMd5: '9018921c3c673c538a1fc5bad174d6f9' },
  { dataset: 'fashion-mnist', file: 't10k-images-idx3-ubyte.gz', md5: 'bef4ecab320f06d8554ea6380940ec79', contentMd5: '8181f5470baa50b63fa0f6fddb340f0a' },
  { dataset: 'fashion-mnist', file: 't10k-labels-idx1-ubyte.gz', md5: 'bb300cfdad3c16e7a12a480ee83cd310', contentMd5: '15d484375f8d13e6eb1aabb0c3f46965' },

  { dataset: 'cifar10', file: 'data_batch_1.bin', md5: '5dd7e06a14cb22eb9f671a540d1b7c25', bytes: 30_730_000 },
  { dataset: 'cifar10', file: 'data_batch_2.bin', md5: '5ea93a67294ea407fff1d09f752e9692', bytes: 30_730_000 },
  { dataset: 'cifar10', file: 'data_batch_3.bin', md5: '942cd6a4bcdd0dd3c604fbe906cb4421', bytes: 30_730_000 },
  { dataset: 'cifar10', file: 'data_batch_4.bin', md5: 'ae636b3ba5c66a11e91e8cb52e771fcb', bytes: 30_730_000 },
  { dataset: 'cifar10', file: 'data_batch_5.bin', md5: '53f37980c15c3d472c316c40844f3f0d', bytes: 30_730_000 },
  { dataset: 'cifar10', file: 'test_batch.bin', md5: '803d5f7f4d78ea53de84dbe85f74fb6d', bytes: 30_730_000 },
];

export const KNOWN_ARCHIVES: readonly KnownArchive[] = [
  // https://www.cs.toronto.edu/~kriz/cifar.html: "CIFAR-10 binary version (suitable for C programs)".
  { dataset: 'cifar10', file: 'cifar-10-binary.tar.gz', md5: 'c32a1d4ab5d03f1284b67883e8d87530' },
];

/** The table entry for `file` of `dataset`, if the file is an official one. */
export function knownFile(dataset: string, file: string): KnownFile | undefined {
  return KNOWN_FILES.find((k) => k.dataset === dataset && k.file === file);
}

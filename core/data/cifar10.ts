/**
 * CIFAR-10 (Krizhevsky, 2009), the official binary version: data_batch_1.bin ... data_batch_5.bin
 * (training, 50,000 images) and test_batch.bin (10,000), in `<data-dir>/cifar10/`. Each file is a run
 * of 3,073-byte records: one label byte (0-9), then 1,024 red, 1,024 green and 1,024 blue bytes, each
 * plane row-major 32x32. The harness holds images as NHWC, so the planes are interleaved on reading.
 */
import { InputError } from '../util/errors';
import type { Split } from './dataset';
import { checkLabels, type DatasetProvider, type RawFile } from './provider';

export const CIFAR_TRAIN_FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
export const CIFAR_TEST_FILE = 'test_batch.bin';

const SIDE = 32;
const PLANE = SIDE * SIDE;
/** Bytes per record: the label and three colour planes. */
export const CIFAR_RECORD_BYTES = 1 + 3 * PLANE;

/** The class names, in label order (batches.meta.txt). */
export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/**
 * Decodes one file of the binary version into NHWC bytes and labels. A size that is not a whole,
 * non-zero number of records (a truncated file) or a label above 9 is an InputError naming `file`.
 */
export function decodeCifarBatch(buf: Uint8Array, file: string): Split {
  if (buf.length === 0 || buf.length % CIFAR_RECORD_BYTES !== 0) {
    const whole = Math.floor(buf.length / CIFAR_RECORD_BYTES);
    throw new InputError(
      `${file}: ${buf.length} bytes is not a whole number of ${CIFAR_RECORD_BYTES}-byte CIFAR-10 records ` +
        `(${whole} records and ${buf.length - whole * CIFAR_RECORD_BYTES} bytes over; truncated or not a CIFAR-10 binary file)`,
    );
  }
  const count = buf.length / CIFAR_RECORD_BYTES;
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * 3 * PLANE);
  for (let i = 0; i < count; i++) {
    const rec = i * CIFAR_RECORD_BYTES;
    labels[i] = buf[rec]!;
    const out = i * 3 * PLANE;
    for (let p = 0; p < PLANE; p++) {
      images[out + 3 * p] = buf[rec + 1 + p]!;
      images[out + 3 * p + 1] = buf[rec + 1 + PLANE + p]!;
      images[out + 3 * p + 2] = buf[rec + 1 + 2 * PLANE + p]!;
    }
  }
  checkLabels(labels, 10, file);
  return { images, labels, count };
}

/** Encodes NHWC images and labels as a CIFAR-10 binary file (for tests and subsets). */
export function encodeCifarBatch(images: Uint8Array, labels: Uint8Array): Buffer {
  const out = Buffer.alloc(labels.length * CIFAR_RECORD_BYTES);
  labels.forEach((label, i) => {
    const rec = i * CIFAR_RECORD_BYTES;
    out[rec] = label;
    for (let p = 0; p < PLANE; p++) {
      for (let c = 0; c < 3; c++) out[rec + 1 + c * PLANE + p] = images[i * 3 * PLANE + 3 * p + c]!;
    }
  });
  return out;
}

function concat(splits: Split[]): Split {
  const count = splits.reduce((n, s) => n + s.count, 0);
  const images = new Uint8Array(count * 3 * PLANE);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const s of splits) {
    images.set(s.images, at * 3 * PLANE);
    labels.set(s.labels, at);
    at += s.count;
  }
  return { images, labels, count };
}

function decodeFiles(files: Map<string, RawFile>): { train: Split; test: Split } {
  const read = (name: string) => {
    const f = files.get(name);
    if (!f) throw new Error(`internal: ${name} not read`);
    return decodeCifarBatch(f.raw, f.path);
  };
  const batches = CIFAR_TRAIN_FILES.map(read);
  const first = batches[0]!;
  batches.forEach((b, i) => {
    if (b.count !== first.count) {
      throw new InputError(
        `${files.get(CIFAR_TRAIN_FILES[i]!)!.path}: ${b.count} records, but ${CIFAR_TRAIN_FILES[0]} has ${first.count} (wrong count; every batch holds the same number)`,
      );
    }
  });
  return { train: concat(batches), test: read(CIFAR_TEST_FILE) };
}

export const cifar10: DatasetProvider = {
  name: 'cifar10',
  summary: 'CIFAR-10 (binary version), 32x32x3, 10 classes, 50,000 + 10,000',
  imageShape: [32, 32, 3],
  numClasses: 10,
  sizes: { train: 50_000, test: 10_000 },
  files: [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE],
  source: {
    baseUrls: ['https://www.cs.toronto.edu/~kriz'],
    downloads: ['cifar-10-binary.tar.gz'],
    archivePrefix: 'cifar-10-batches-bin/',
    homepage: 'https://www.cs.toronto.edu/~kriz/cifar.html',
  },
  decode: decodeFiles,
};

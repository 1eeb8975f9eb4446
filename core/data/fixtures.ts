/**
 * Small datasets in the official file formats, for tests and examples: IDX (MNIST layout) and the
 * CIFAR-10 binary version, with a SHA256SUMS file so the harness accepts them as the user's own files.
 * Pixel values follow a fixed formula, so tests can check every byte.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { CIFAR_TEST_FILE, CIFAR_TRAIN_FILES, encodeCifarBatch } from './cifar10';
import { encodeIdx } from './idx';
import { MNIST_FILES } from './mnist';
import { LOCAL_SUMS_FILE, sha256 } from './verify';

/** Pixel (image i, row y, column x, channel c) of the generated images. */
export const fixturePixel = (i: number, y: number, x: number, c: number): number => (i * 7 + y * 3 + x * 5 + c * 11) % 256;
/** Label of generated image i. */
export const fixtureLabel = (i: number): number => (i * 3) % 10;

/** NHWC images and labels for images `from`..`from+count-1`. */
export function fixtureImages(from: number, count: number, [h, w, ch]: [number, number, number]): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(count * h * w * ch);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    labels[n] = fixtureLabel(from + n);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < ch; c++) images[((n * h + y) * w + x) * ch + c] = fixturePixel(from + n, y, x, c);
  }
  return { images, labels };
}

/** Writes `SHA256SUMS` for every file in `dir` (what `sha256sum * > SHA256SUMS` writes). */
export function writeLocalSums(dir: string): void {
  const lines = fs
    .readdirSync(dir)
    .filter((f) => f !== LOCAL_SUMS_FILE)
    .sort()
    .map((f) => `${sha256(fs.readFileSync(path.join(dir, f)))}  ${f}`);
  fs.writeFileSync(path.join(dir, LOCAL_SUMS_FILE), `${lines.join('\n')}\n`);
}

/** An IDX dataset (28x28x1, gzipped, official names) in `<dataDir>/<name>/`, with SHA256SUMS. */
export function writeIdxFixture(dataDir: string, name: string, train: number, test: number): string {
  const dir = path.join(dataDir, name);
  fs.mkdirSync(dir, { recursive: true });
  const put = (file: string, dims: number[], data: Uint8Array) => fs.writeFileSync(path.join(dir, file), zlib.gzipSync(encodeIdx(dims, data)));
  const tr = fixtureImages(0, train, [28, 28, 1]);
  const te = fixtureImages(train, test, [28, 28, 1]);
  put(MNIST_FILES.trainImages, [train, 28, 28], tr.images);
  put(MNIST_FILES.trainLabels, [train], tr.labels);
  put(MNIST_FILES.testImages, [test, 28, 28], te.images);
  put(MNIST_FILES.testLabels, [test], te.labels);
  writeLocalSums(dir);
  return dir;
}

/** CIFAR-10 binary files (`perBatch` records in each of the 6) in `<dataDir>/cifar10/`, with SHA256SUMS. */
export function writeCifarFixture(dataDir: string, perBatch: number): string {
  const dir = path.join(dataDir, 'cifar10');
  fs.mkdirSync(dir, { recursive: true });
  [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE].forEach((f, b) => {
    const { images, labels } = fixtureImages(b * perBatch, perBatch, [32, 32, 3]);
    fs.writeFileSync(path.join(dir, f), encodeCifarBatch(images, labels));
  });
  writeLocalSums(dir);
  return dir;
}

/**
 * The IDX file format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/), gzipped or raw.
 * Header: two zero bytes, a type byte (0x08 = unsigned byte), the number of dimensions, then each
 * dimension as a big-endian uint32; the data follows, row-major.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { InputError, messageOf } from '../util/errors';
import type { Split } from './dataset';
import type { RawFile } from './provider';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Decodes an IDX buffer (already gunzipped); `file` names it in errors. */
export function decodeIdx(buf: Uint8Array, file: string): IdxArray {
  if (buf.length < 4 || buf[0] !== 0 || buf[1] !== 0) {
    throw new InputError(`${file}: not an IDX file (bad magic number)`);
  }
  if (buf[2] !== 0x08) throw new InputError(`${file}: IDX element type 0x${buf[2]!.toString(16)} is not unsigned byte (0x08)`);
  const rank = buf[3]!;
  const headerBytes = 4 + 4 * rank;
  if (rank < 1 || buf.length < headerBytes) throw new InputError(`${file}: truncated IDX header`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = buf.length - headerBytes;
  if (actual !== expected) {
    throw new InputError(
      `${file}: the header declares ${dims.join('x')} = ${expected} bytes of data but the file holds ${actual}` +
        (actual < expected ? ' (truncated)' : ''),
    );
  }
  return { dims, data: buf.subarray(headerBytes) };
}

/** `raw` gunzipped when it starts with the gzip magic, else `raw`; `file` names it in errors. */
export function gunzipIfNeeded(raw: Uint8Array, file: string): Uint8Array {
  if (raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return zlib.gunzipSync(raw);
  } catch (e) {
    throw new InputError(`${file}: corrupt gzip data (${messageOf(e)})`);
  }
}

/** Decodes the bytes of an IDX file, gunzipping them when they start with the gzip magic. */
export function parseIdx(raw: Uint8Array, file: string): IdxArray {
  return decodeIdx(gunzipIfNeeded(raw, file), file);
}

/** Reads an IDX file from disk, gunzipped or raw. */
export function readIdx(file: string): IdxArray {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${messageOf(e)})`);
  }
  return parseIdx(raw, file);
}

/**
 * One split from an image file (count x height x width) and its label file (count), checked to agree
 * with each other, with `shape` and with the number of classes. `imagesFile`/`labelsFile` name them in errors.
 */
export function idxSplit(
  images: IdxArray,
  labels: IdxArray,
  shape: [number, number, number],
  numClasses: number,
  imagesFile: string,
  labelsFile: string,
): Split {
  const [h, w] = shape;
  if (images.dims.length !== 3 || images.dims[1] !== h || images.dims[2] !== w) {
    throw new InputError(`${imagesFile}: expected count x ${h} x ${w} images, found dimensions ${images.dims.join('x')}`);
  }
  if (labels.dims.length !== 1) throw new InputError(`${labelsFile}: expected a 1-D label file, found dimensions ${labels.dims.join('x')}`);
  if (labels.dims[0] !== images.dims[0]) {
    throw new InputError(`${labelsFile}: ${labels.dims[0]} labels for ${images.dims[0]} images in ${path.basename(imagesFile)} (wrong count)`);
  }
  const bad = labels.data.findIndex((l) => l >= numClasses);
  if (bad >= 0) throw new InputError(`${labelsFile}: label ${labels.data[bad]} at index ${bad} is not a class index 0-${numClasses - 1}`);
  return { images: images.data, labels: labels.data, count: images.dims[0]! };
}

/** The names of an IDX dataset's four files. */
export interface IdxFiles {
  trainImages: string;
  trainLabels: string;
  testImages: string;
  testLabels: string;
}

/** Decodes the four files of an IDX dataset (MNIST layout) into train and test splits. */
export function decodeIdxDataset(
  files: Map<string, RawFile>,
  names: IdxFiles,
  shape: [number, number, number],
  numClasses: number,
): { train: Split; test: Split } {
  const get = (n: string) => {
    const f = files.get(n);
    if (!f) throw new Error(`internal: ${n} not read`);
    f.content = gunzipIfNeeded(f.raw, f.path);
    return { idx: decodeIdx(f.content, f.path), path: f.path };
  };
  const split = (imagesName: string, labelsName: string) => {
    const im = get(imagesName);
    const lb = get(labelsName);
    return idxSplit(im.idx, lb.idx, shape, numClasses, im.path, lb.path);
  };
  return { train: split(names.trainImages, names.trainLabels), test: split(names.testImages, names.testLabels) };
}

/** A decompressed variant of a gzipped name (`x.gz` -> `x`). */
export const withoutGz = (file: string): string[] => (file.endsWith('.gz') ? [file.slice(0, -3)] : []);

/** Encodes an unsigned-byte IDX array (for tests and for writing subsets). */
export function encodeIdx(dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

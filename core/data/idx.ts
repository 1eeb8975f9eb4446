/**
 * The IDX file format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/), gzipped or raw.
 * Header: two zero bytes, a type byte (0x08 = unsigned byte), the number of dimensions, then each
 * dimension as a big-endian uint32; the data follows, row-major.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { InputError, messageOf } from '../errors';

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

/** Reads an IDX file from disk, gunzipping when it starts with the gzip magic. */
export function readIdx(file: string): IdxArray {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${messageOf(e)})`);
  }
  let buf: Uint8Array = raw;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      buf = zlib.gunzipSync(raw);
    } catch (e) {
      throw new InputError(`${file}: corrupt gzip data (${messageOf(e)})`);
    }
  }
  return decodeIdx(buf, file);
}

/** Encodes an unsigned-byte IDX array (for tests and for writing subsets). */
export function encodeIdx(dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

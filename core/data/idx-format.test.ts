/**
 * The IDX format byte for byte: header and big-endian dimensions, gzip, each malformed file refused with
 * its name, and a split whose images and labels must agree.
 */
import * as zlib from 'node:zlib';
import { inputErrorOf } from '../../test/helpers';
import { decodeIdx, encodeIdx, idxSplit, parseIdx } from './idx';

const message = inputErrorOf;

describe('IDX files', () => {
  const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10);
  const file = encodeIdx([2, 3, 4], data);

  it('round-trips: header 00 00 08 03, big-endian dimensions, then the bytes', () => {
    expect([...file.subarray(0, 16)]).toEqual([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]);
    const idx = decodeIdx(file, 'x.idx');
    expect(idx.dims).toEqual([2, 3, 4]);
    expect([...idx.data]).toEqual([...data]);
  });

  it('reads gzipped files the same', () => {
    expect(parseIdx(zlib.gzipSync(file), 'x.gz').dims).toEqual([2, 3, 4]);
  });

  it('rejects a bad magic number, naming the file', () => {
    const bad = Buffer.from(file);
    bad[0] = 1;
    expect(message(() => decodeIdx(bad, 'train-images-idx3-ubyte'))).toBe('train-images-idx3-ubyte: not an IDX file (bad magic number)');
  });

  it('rejects a type other than unsigned byte', () => {
    const bad = Buffer.from(file);
    bad[2] = 0x0d;
    expect(message(() => decodeIdx(bad, 'f'))).toBe('f: IDX element type 0xd is not unsigned byte (0x08)');
  });

  it('rejects a truncated file with the byte counts', () => {
    expect(message(() => decodeIdx(file.subarray(0, file.length - 5), 'f'))).toBe(
      'f: the header declares 2x3x4 = 24 bytes of data but the file holds 19 (truncated)',
    );
    expect(message(() => decodeIdx(file.subarray(0, 9), 'f'))).toBe('f: truncated IDX header');
  });

  it('rejects corrupt gzip data', () => {
    const gz = zlib.gzipSync(file);
    expect(message(() => parseIdx(gz.subarray(0, gz.length - 10), 'f.gz'))).toMatch(/^f\.gz: corrupt gzip data/);
  });

  describe('a split: images and labels that agree', () => {
    const images = decodeIdx(encodeIdx([3, 2, 2], new Uint8Array(12)), 'im');
    const labels = (l: number[]) => decodeIdx(encodeIdx([l.length], Uint8Array.from(l)), 'lb');

    it('accepts matching counts', () => {
      const s = idxSplit(images, labels([0, 9, 4]), [2, 2, 1], 10, 'im', 'lb');
      expect(s.count).toBe(3);
      expect([...s.labels]).toEqual([0, 9, 4]);
    });

    it('rejects a wrong label count', () => {
      expect(message(() => idxSplit(images, labels([0, 1]), [2, 2, 1], 10, 'dir/im', 'dir/lb'))).toBe('dir/lb: 2 labels for 3 images in im (wrong count)');
    });

    it('rejects a label that is no class', () => {
      expect(message(() => idxSplit(images, labels([0, 10, 1]), [2, 2, 1], 10, 'im', 'lb'))).toBe('lb: label 10 at index 1 is not a class index 0-9');
    });

    it('rejects images of the wrong size', () => {
      expect(message(() => idxSplit(images, labels([0, 1, 2]), [28, 28, 1], 10, 'im', 'lb'))).toBe('im: expected count x 28 x 28 images, found dimensions 3x2x2');
    });
  });
});

/**
 * The IDX reader on files, and the embedded MNIST subset: byte-identical to the published test files, its
 * counts, and never used in place of a corrupt or incomplete full set.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { InputError } from '../util/errors';
import { decodeIdx, encodeIdx, readIdx } from './idx';
import { EMBEDDED_MNIST_DIR, loadEmbeddedMnist, loadIdxDataset } from './mnist';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-idx-'));

describe('IDX reader', () => {
  it('round-trips an unsigned-byte array, raw and gzipped', () => {
    const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 7);
    const buf = encodeIdx([2, 3, 4], data);
    expect(Array.from(buf.subarray(0, 8))).toEqual([0, 0, 8, 3, 0, 0, 0, 2]);
    const raw = path.join(tmp, 'a.idx');
    const gz = path.join(tmp, 'a.idx.gz');
    fs.writeFileSync(raw, buf);
    fs.writeFileSync(gz, zlib.gzipSync(buf));
    for (const f of [raw, gz]) {
      const r = readIdx(f);
      expect(r.dims).toEqual([2, 3, 4]);
      expect(Array.from(r.data)).toEqual(Array.from(data));
    }
  });

  it('rejects a bad magic number, naming the file', () => {
    const buf = encodeIdx([1], Uint8Array.of(1));
    buf[0] = 1;
    expect(() => decodeIdx(buf, 'x.idx')).toThrow(new InputError('x.idx: not an IDX file (bad magic number)'));
  });

  it('rejects a truncated file with both sizes', () => {
    const buf = encodeIdx([4, 2], Uint8Array.from({ length: 8 }, () => 1)).subarray(0, 12 + 5);
    expect(() => decodeIdx(buf, 'y.idx')).toThrow('y.idx: the header declares 4x2 = 8 bytes of data but the file holds 5 (truncated)');
  });

  it('rejects a non-byte element type', () => {
    const buf = encodeIdx([1], Uint8Array.of(1));
    buf[2] = 0x0d;
    expect(() => decodeIdx(buf, 'z.idx')).toThrow('z.idx: IDX element type 0xd is not unsigned byte (0x08)');
  });

  it('rejects corrupt gzip data', () => {
    const f = path.join(tmp, 'bad.gz');
    fs.writeFileSync(f, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    expect(() => readIdx(f)).toThrow(/bad\.gz: corrupt gzip data/);
  });
});

describe('embedded MNIST subset', () => {
  it('is byte-identical to the published test files (md5)', () => {
    const md5 = (f: string) => crypto.createHash('md5').update(fs.readFileSync(path.join(EMBEDDED_MNIST_DIR, f))).digest('hex');
    expect(md5('t10k-images-idx3-ubyte.gz')).toBe('9fb629c4189551a2d022fa330f9573f3');
    expect(md5('t10k-labels-idx1-ubyte.gz')).toBe('ec29112dd5afa0611ce80d1b7f02629c');
  });

  it('holds 6,309 training and 10,000 test images with their labels', () => {
    const ds = loadEmbeddedMnist();
    expect(ds.id).toBe('mnist-subset-6309');
    expect(ds.train.count).toBe(6309);
    expect(ds.test.count).toBe(10000);
    expect(ds.train.images.length).toBe(6309 * 784);
    // The first official training labels and test labels.
    expect(Array.from(ds.train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(Array.from(ds.test.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    expect(ds.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(ds.files.map((f) => f.file)).toHaveLength(4);
  });

  it('is not used when the data directory holds a corrupt full set', () => {
    const dir = path.join(tmp, 'data');
    fs.mkdirSync(path.join(dir, 'mnist'), { recursive: true });
    for (const f of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) {
      fs.writeFileSync(path.join(dir, 'mnist', f), 'not idx');
    }
    expect(() => loadIdxDataset(dir, 'mnist')).toThrow(/mnist[/\\]t10k-images-idx3-ubyte\.gz: not an IDX file|train-images-idx3-ubyte\.gz: not an IDX file/);
  });

  it('reports an incomplete full set instead of falling back', () => {
    const dir = path.join(tmp, 'partial');
    fs.mkdirSync(path.join(dir, 'mnist'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'mnist', 'train-images-idx3-ubyte.gz'), 'x');
    expect(() => loadIdxDataset(dir, 'mnist')).toThrow(/incomplete mnist \(missing train-labels-idx1-ubyte\.gz, t10k-images-idx3-ubyte\.gz, t10k-labels-idx1-ubyte\.gz\)/);
  });
});

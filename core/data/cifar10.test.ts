/**
 * CIFAR-10's binary batches: the record layout (label byte, then 3 x 1024 channel-major pixels), encode and
 * decode, and the dataset loaded from a data directory with its checksums and its refusals.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inputErrorOf } from '../../test/helpers';
import { CIFAR_RECORD_BYTES, decodeCifarBatch, encodeCifarBatch } from './cifar10';
import { fixturePixel, writeCifarFixture } from './fixtures';
import { loadDataset } from './';

const errorOf = inputErrorOf;

describe('CIFAR-10 binary files', () => {
  // Two records written by hand: label, then the red, green and blue planes.
  const rec = (label: number, r: number, g: number, b: number) => Buffer.concat([Buffer.from([label]), Buffer.alloc(1024, r), Buffer.alloc(1024, g), Buffer.alloc(1024, b)]);

  it('decodes records into NHWC: pixel (y, x) of channel c is byte 1 + c*1024 + 32y + x', () => {
    const buf = Buffer.concat([rec(3, 10, 20, 30), rec(9, 1, 2, 3)]);
    buf[1 + 1024 + 32 * 5 + 7] = 99; // green plane of record 0, row 5, column 7
    const s = decodeCifarBatch(buf, 'b.bin');
    expect(s.count).toBe(2);
    expect([...s.labels]).toEqual([3, 9]);
    expect([...s.images.subarray(0, 6)]).toEqual([10, 20, 30, 10, 20, 30]);
    expect(s.images[(5 * 32 + 7) * 3 + 1]).toBe(99);
    expect(s.images[(5 * 32 + 7) * 3]).toBe(10);
    expect([...s.images.subarray(3072, 3075)]).toEqual([1, 2, 3]);
  });

  it('round-trips through encodeCifarBatch', () => {
    const images = Uint8Array.from({ length: 2 * 3072 }, (_, i) => (i * 31) % 256);
    const buf = encodeCifarBatch(images, Uint8Array.from([4, 5]));
    expect(buf.length).toBe(2 * CIFAR_RECORD_BYTES);
    expect(buf[1 + 1024]).toBe(images[1]); // green of pixel 0 comes from NHWC index 1
    expect([...decodeCifarBatch(buf, 'b').images]).toEqual([...images]);
  });

  it('rejects a truncated file, naming it and the byte counts', () => {
    const buf = Buffer.concat([rec(1, 0, 0, 0), rec(2, 0, 0, 0)]).subarray(0, 2 * CIFAR_RECORD_BYTES - 100);
    expect(errorOf(() => decodeCifarBatch(buf, 'data_batch_3.bin'))).toBe(
      'data_batch_3.bin: 6046 bytes is not a whole number of 3073-byte CIFAR-10 records (1 records and 2973 bytes over; truncated or not a CIFAR-10 binary file)',
    );
    expect(errorOf(() => decodeCifarBatch(Buffer.alloc(0), 'e.bin'))).toMatch(/^e\.bin: 0 bytes is not a whole number/);
  });

  it('rejects a label above 9 (bad magic has no equivalent: the label byte is the check)', () => {
    expect(errorOf(() => decodeCifarBatch(Buffer.concat([rec(1, 0, 0, 0), rec(12, 0, 0, 0)]), 't.bin'))).toBe(
      't.bin: label 12 at index 1 is not a class index 0-9',
    );
  });

  describe('the cifar10 dataset from a data directory', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cifar-'));
    });
    afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it('loads the five training batches in order and the test batch, as own files listed in SHA256SUMS', () => {
      writeCifarFixture(dataDir, 4);
      const ds = loadDataset('cifar10', dataDir);
      expect(ds.train.count).toBe(20);
      expect(ds.test.count).toBe(4);
      expect(ds.imageShape).toEqual([32, 32, 3]);
      // image 13 is record 1 of data_batch_4; the test batch holds images 20-23
      expect(ds.train.images[13 * 3072 + (2 * 32 + 3) * 3 + 2]).toBe(fixturePixel(13, 2, 3, 2));
      expect(ds.test.images[(1 * 32 + 1) * 3]).toBe(fixturePixel(20, 1, 1, 0));
      expect(ds.id).toBe(`cifar10-local-${ds.checksum.slice(0, 8)}`);
      expect(ds.files.map((f) => f.verifiedBy)).toEqual(Array(6).fill('local-sha256sums'));
    });

    it('refuses files matching no published checksum and not in SHA256SUMS', () => {
      const dir = writeCifarFixture(dataDir, 2);
      fs.rmSync(path.join(dir, 'SHA256SUMS'));
      expect(errorOf(() => loadDataset('cifar10', dataDir))).toMatch(
        new RegExp(`^${path.join(dir, 'data_batch_1.bin')}: checksum mismatch: md5 [0-9a-f]{32}; the published file has md5 5dd7e06a14cb22eb9f671a540d1b7c25\\.`),
      );
    });

    it('refuses a file changed after SHA256SUMS was written', () => {
      const dir = writeCifarFixture(dataDir, 2);
      const f = path.join(dir, 'test_batch.bin');
      const buf = fs.readFileSync(f);
      buf[5] = buf[5]! ^ 1;
      fs.writeFileSync(f, buf);
      expect(errorOf(() => loadDataset('cifar10', dataDir))).toMatch(new RegExp(`^${f}: checksum mismatch: sha256 [0-9a-f]{64}, but .*SHA256SUMS lists`));
    });

    it('refuses a truncated batch before any checksum, and batches of different sizes', () => {
      const dir = writeCifarFixture(dataDir, 2);
      const f = path.join(dir, 'data_batch_2.bin');
      fs.writeFileSync(f, fs.readFileSync(f).subarray(0, 5000));
      expect(errorOf(() => loadDataset('cifar10', dataDir))).toMatch(new RegExp(`^${f}: 5000 bytes is not a whole number`));
      fs.writeFileSync(f, fs.readFileSync(path.join(dir, 'data_batch_1.bin')).subarray(0, CIFAR_RECORD_BYTES));
      expect(errorOf(() => loadDataset('cifar10', dataDir))).toBe(`${f}: 1 records, but data_batch_1.bin has 2 (wrong count; every batch holds the same number)`);
    });

    it('refuses an incomplete directory and says how to complete it; says how to get an absent one', () => {
      const dir = writeCifarFixture(dataDir, 1);
      fs.rmSync(path.join(dir, 'data_batch_5.bin'));
      expect(errorOf(() => loadDataset('cifar10', dataDir))).toBe(
        `${dir}: incomplete cifar10 (missing data_batch_5.bin); run \`bench data fetch cifar10\` or put the missing files there`,
      );
      fs.rmSync(dir, { recursive: true });
      expect(errorOf(() => loadDataset('cifar10', dataDir))).toMatch(/^dataset cifar10 not found \(looked in .*\); run `bench data fetch cifar10`/);
    });
  });
});

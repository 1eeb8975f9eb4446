/**
 * Checking files against the published checksums: the md5 table, recompressed files matched by content,
 * a changed file named with both md5 values, and SHA256SUMS parsing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { InputError } from '../util/errors';
import { KNOWN_FILES } from './checksums';
import { EMBEDDED_MNIST_DIR } from './mnist';
import { checkFile, md5, readLocalSums, sha256 } from './verify';

const LABELS = 't10k-labels-idx1-ubyte.gz';
const official = fs.readFileSync(path.join(EMBEDDED_MNIST_DIR, LABELS));

describe('checking files against the published checksums', () => {
  it('the table holds each official file once per dataset, with 32-hex md5 values', () => {
    const keys = KNOWN_FILES.map((k) => `${k.dataset}/${k.file}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of KNOWN_FILES) expect(k.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(KNOWN_FILES.filter((k) => k.dataset === 'cifar10').map((k) => k.file)).toEqual([
      'data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin',
    ]);
  });

  it('an official file matches its published md5', () => {
    expect(md5(official)).toBe('ec29112dd5afa0611ce80d1b7f02629c');
    const c = checkFile('mnist', LABELS, 'p/' + LABELS, official);
    expect(c).toEqual({ file: LABELS, path: 'p/' + LABELS, bytes: 4542, sha256: sha256(official), state: 'published-md5' });
  });

  it('a recompressed or decompressed file matches by its content (as Debian ships Fashion-MNIST)', () => {
    const content = zlib.gunzipSync(official);
    const recompressed = zlib.gzipSync(content, { level: 1 });
    expect(md5(recompressed)).not.toBe('ec29112dd5afa0611ce80d1b7f02629c');
    expect(checkFile('mnist', LABELS, 'x', recompressed).state).toBe('published-content-md5');
    expect(checkFile('mnist', LABELS, 'x', content).state).toBe('published-content-md5');
  });

  it('a changed file is an InputError naming it, the md5 found and the md5 expected', () => {
    const content = Buffer.from(zlib.gunzipSync(official));
    content[100] = (content[100]! + 1) % 10;
    expect(() => checkFile('mnist', LABELS, '/d/mnist/' + LABELS, zlib.gzipSync(content))).toThrow(InputError);
    expect(() => checkFile('mnist', LABELS, '/d/mnist/' + LABELS, zlib.gzipSync(content))).toThrow(
      new RegExp(`^/d/mnist/${LABELS}: checksum mismatch: md5 [0-9a-f]{32}; the published file has md5 ec29112dd5afa0611ce80d1b7f02629c \\(decompressed: 27ae3e4e09519cfbb04c329615203637\\)`),
    );
  });

  it('SHA256SUMS: sha256sum output, both separators; a malformed line names the file and line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sums-'));
    try {
      expect(readLocalSums(dir)).toBeUndefined();
      const a = 'a'.repeat(64);
      fs.writeFileSync(path.join(dir, 'SHA256SUMS'), `${a}  one.bin\n${'B'.repeat(64)} *two.bin\n\n`);
      expect(readLocalSums(dir)).toEqual(new Map([['one.bin', a], ['two.bin', 'b'.repeat(64)]]));
      expect(checkFile('cifar10', 'test_batch.bin', path.join(dir, 'one.bin'), Buffer.from('x'), new Map([['one.bin', sha256(Buffer.from('x'))]])).state).toBe('local-sha256sums');
      fs.writeFileSync(path.join(dir, 'SHA256SUMS'), `${a}  one.bin\nnot a checksum\n`);
      expect(() => readLocalSums(dir)).toThrow(`${path.join(dir, 'SHA256SUMS')}, line 2: expected "<sha256>  <file name>" (the output of sha256sum)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

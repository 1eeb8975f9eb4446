/**
 * The dataset table: one provider per dataset, the embedded MNIST subset when no files are found (never
 * in place of corrupt ones), Fashion-MNIST from a data directory, IDX files kept decompressed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { InputError } from '../util/errors';
import { DEBIAN_FASHION_MNIST_DIR, fashionMnist } from './fashion-mnist';
import { fixturePixel, writeIdxFixture, writeLocalSums } from './fixtures';
import { DATASETS, loadDataset } from './';
import { EMBEDDED_MNIST_DIR, MNIST_FILES } from './mnist';
import { locate } from './provider';

const SHARED_FASHION = path.resolve(__dirname, '../../../shared/data/fashion-mnist');
const haveShared = fs.existsSync(path.join(SHARED_FASHION, MNIST_FILES.trainImages));

describe('datasets', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ds-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('one provider per dataset: mnist, fashion-mnist, cifar10', () => {
    expect(Object.keys(DATASETS)).toEqual(['mnist', 'fashion-mnist', 'cifar10']);
    expect(fashionMnist.systemDirs).toEqual([DEBIAN_FASHION_MNIST_DIR]);
  });

  it('mnist without files is the embedded subset, announced, every file matching its recorded md5', () => {
    const lines: string[] = [];
    const ds = loadDataset('mnist', dataDir, (l) => lines.push(l));
    expect(ds.id).toBe('mnist-subset-6309');
    expect([ds.train.count, ds.test.count]).toEqual([6309, 10000]);
    expect(ds.source).toBe(EMBEDDED_MNIST_DIR);
    expect(ds.files.map((f) => f.verifiedBy)).toEqual(Array(4).fill('published-md5'));
    expect(lines).toEqual([
      `mnist: not found in ${path.join(dataDir, 'mnist')}; using the embedded subset (6309 official training images, 10000 test images) as dataset "mnist-subset-6309"`,
    ]);
  });

  it('mnist present but corrupt is an error, never the embedded subset', () => {
    const dir = writeIdxFixture(dataDir, 'mnist', 3, 2);
    fs.writeFileSync(path.join(dir, MNIST_FILES.testLabels), zlib.gzipSync(Buffer.from([0, 0, 8, 1, 0, 0, 0, 9, 1])));
    expect(() => loadDataset('mnist', dataDir, () => {
      throw new Error('must not announce a fallback');
    })).toThrow(new InputError(`${path.join(dir, MNIST_FILES.testLabels)}: the header declares 9 = 9 bytes of data but the file holds 1 (truncated)`));
  });

  it('fashion-mnist from <data-dir>/fashion-mnist, own files accepted through SHA256SUMS', () => {
    writeIdxFixture(dataDir, 'fashion-mnist', 5, 3);
    const ds = loadDataset('fashion-mnist', dataDir);
    expect([ds.train.count, ds.test.count]).toEqual([5, 3]);
    expect(ds.train.images[4 * 784 + 10 * 28 + 20]).toBe(fixturePixel(4, 10, 20, 0));
    expect(ds.id).toMatch(/^fashion-mnist-local-[0-9a-f]{8}$/);
  });

  it('an IDX file may be kept decompressed under its name without .gz', () => {
    const dir = writeIdxFixture(dataDir, 'fashion-mnist', 2, 2);
    const gz = path.join(dir, MNIST_FILES.testImages);
    fs.writeFileSync(gz.replace(/\.gz$/, ''), zlib.gunzipSync(fs.readFileSync(gz)));
    fs.rmSync(gz);
    fs.rmSync(path.join(dir, 'SHA256SUMS'));
    writeLocalSums(dir);
    expect(locate(fashionMnist, dataDir)!.present.get(MNIST_FILES.testImages)).toBe(gz.replace(/\.gz$/, ''));
    expect(loadDataset('fashion-mnist', dataDir).test.count).toBe(2);
  });

  (haveShared ? it : it.skip)('the full Fashion-MNIST (Debian-compressed files) matches the published content md5', () => {
    const ds = loadDataset('fashion-mnist', path.dirname(SHARED_FASHION));
    expect(ds.id).toBe('fashion-mnist');
    expect([ds.train.count, ds.test.count]).toEqual([60000, 10000]);
    expect(ds.files.map((f) => f.verifiedBy)).toEqual(Array(4).fill('published-content-md5'));
    expect([...ds.train.labels.subarray(0, 10)]).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
  });
});

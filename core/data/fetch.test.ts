/**
 * `bench data fetch` against a server on 127.0.0.1: https only (http on loopback), the temporary file renamed
 * only after its checksum matched, interrupted, aborted and offline downloads leaving nothing behind.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import { main } from '../cli/main';
import { memoryIO } from '../cli/io';
import { BenchError, InputError } from '../util/errors';
import { checkUrlAllowed, downloadFile } from './download';
import { fetchDataset } from './fetch';
import { EMBEDDED_MNIST_DIR, MNIST_FILES } from './mnist';
import { md5 } from './verify';

/** A server on 127.0.0.1 serving `files` by name; `cut` names files whose body stops halfway. */
async function serve(files: Record<string, Buffer>, cut = new Set<string>()) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
    hits.push(req.url ?? '');
    const body = files[name];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': body.length });
    if (cut.has(name)) {
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data`;
  return { url, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const official = (f: string): Buffer => fs.readFileSync(path.join(EMBEDDED_MNIST_DIR, f));
const SHARED_FASHION = path.resolve(__dirname, '../../../shared/data/fashion-mnist');

describe('bench data fetch', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fetch-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

  it('uses https only, and plain http only on loopback', () => {
    expect(checkUrlAllowed('https://example.org/x').hostname).toBe('example.org');
    expect(checkUrlAllowed('http://127.0.0.1:8080/x').port).toBe('8080');
    expect(checkUrlAllowed('http://localhost/x').hostname).toBe('localhost');
    expect(() => checkUrlAllowed('http://example.org/x', '--mirror')).toThrow(InputError);
    expect(() => checkUrlAllowed('ftp://127.0.0.1/x')).toThrow(/only https URLs are used/);
    expect(() => checkUrlAllowed('not a url')).toThrow(/is not a valid URL/);
  });

  it('downloads through a temporary file renamed after the check; a failed check leaves nothing', async () => {
    const srv = await serve({ 'a.bin': Buffer.from('hello world') });
    try {
      const dest = path.join(dataDir, 'a.bin');
      const want = md5(Buffer.from('hello world'));
      const check = (wanted: string) => (tmp: string) => {
        expect(path.basename(tmp)).toMatch(/^\.a\.bin\.\d+\.part$/);
        if (md5(fs.readFileSync(tmp)) !== wanted) throw new InputError(`${tmp}: checksum mismatch`);
      };
      await expect(downloadFile([`${srv.url}/a.bin`], dest, check('0'.repeat(32)), 'by hand: ...', {})).rejects.toThrow(
        `cannot download a.bin; nothing was written:\n  ${srv.url}/a.bin: checksum mismatch\nby hand: ...`,
      );
      expect(listing(dataDir)).toEqual([]);
      // The second URL serves it; the first is a 404.
      await downloadFile([`${srv.url}/missing.bin`, `${srv.url}/a.bin`], dest, check(want), '', {});
      expect(fs.readFileSync(dest, 'utf8')).toBe('hello world');
      expect(listing(dataDir)).toEqual(['a.bin']);
    } finally {
      await srv.close();
    }
  });

  it('stops at the first file no source serves, leaving nothing of it', async () => {
    const srv = await serve({ [MNIST_FILES.testImages]: official(MNIST_FILES.testImages) });
    try {
      await expect(fetchDataset('mnist', { dataDir, mirror: srv.url })).rejects.toThrow(
        /^cannot download train-images-idx3-ubyte\.gz; nothing was written:\n {2}http:\/\/127\.0\.0\.1:\d+\/data\/train-images-idx3-ubyte\.gz: HTTP 404 Not Found/,
      );
      expect(listing(path.join(dataDir, 'mnist'))).toEqual([]);
    } finally {
      await srv.close();
    }
  });

  it('removes what a killed fetch left (partial downloads, extraction folders) and nothing else', async () => {
    const dir = path.join(dataDir, 'mnist');
    fs.mkdirSync(path.join(dir, '.extract.4242'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.extract.4242', 'test_batch.bin'), 'x');
    fs.writeFileSync(path.join(dir, '.train-images-idx3-ubyte.gz.4242.part'), 'x');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    fs.writeFileSync(path.join(dir, '.notes.part'), 'mine too: no pid');
    const srv = await serve({});
    try {
      await expect(fetchDataset('mnist', { dataDir, mirror: srv.url })).rejects.toThrow(/HTTP 404 Not Found/);
      expect(listing(dir)).toEqual(['.notes.part', 'notes.txt']);
    } finally {
      await srv.close();
    }
  });

  it('refuses a download whose checksum differs from the published one, leaving no file', async () => {
    const bogus = Buffer.from('not the official file');
    const srv = await serve(Object.fromEntries(Object.values(MNIST_FILES).map((f) => [f, bogus])));
    try {
      const err = await fetchDataset('fashion-mnist', { dataDir, mirror: srv.url }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(
        new RegExp(`^cannot download train-images-idx3-ubyte\\.gz; nothing was written:\\n {2}${srv.url}/train-images-idx3-ubyte\\.gz: checksum mismatch: md5 ${md5(bogus)}; the published file has md5 8d4fb7e6c68d591d4c3dfef9ec88bf0d`),
      );
      expect((err as Error).message).toContain(`put the files in ${path.join(dataDir, 'fashion-mnist')}/ under these names`);
      expect(listing(path.join(dataDir, 'fashion-mnist'))).toEqual([]);
    } finally {
      await srv.close();
    }
  });

  it('an interrupted download leaves no file; a CIFAR-10 archive with the wrong md5 leaves nothing either', async () => {
    const archive = path.join(dataDir, 'x.tar.gz');
    fs.mkdirSync(path.join(dataDir, 'src', 'cifar-10-batches-bin'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'src', 'cifar-10-batches-bin', 'test_batch.bin'), Buffer.alloc(3073));
    await tar.c({ gzip: true, file: archive, cwd: path.join(dataDir, 'src') }, ['cifar-10-batches-bin']);
    const body = fs.readFileSync(archive);
    fs.rmSync(path.join(dataDir, 'src'), { recursive: true });
    fs.rmSync(archive);
    const srv = await serve({ 'cifar-10-binary.tar.gz': body, [MNIST_FILES.trainImages]: Buffer.alloc(100_000, 7) }, new Set([MNIST_FILES.trainImages]));
    try {
      const cut = await fetchDataset('mnist', { dataDir, mirror: srv.url }).catch((e: unknown) => e);
      expect((cut as Error).message).toMatch(/^cannot download train-images-idx3-ubyte\.gz \(offline, or the server cannot be reached\); nothing was written:\n {2}http:.*: (connection lost after \d+ bytes|received \d+ of 100000 bytes)/);
      expect(listing(path.join(dataDir, 'mnist'))).toEqual([]);
      const bad = await fetchDataset('cifar10', { dataDir, mirror: srv.url }).catch((e: unknown) => e);
      expect((bad as Error).message).toMatch(/cifar-10-binary\.tar\.gz: checksum mismatch: md5 [0-9a-f]{32}, the published file has md5 c32a1d4ab5d03f1284b67883e8d87530/);
      expect(listing(path.join(dataDir, 'cifar10'))).toEqual([]);
    } finally {
      await srv.close();
    }
  });

  it('an aborted download (Ctrl-C) removes what it wrote', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-length': 1000 });
      res.write(Buffer.alloc(10)); // then stalls
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const ctl = new AbortController();
    try {
      const mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const p = fetchDataset('fashion-mnist', { dataDir, mirror, signal: ctl.signal, progress: { start: () => setTimeout(() => ctl.abort(), 50), update: () => {}, stop: () => {} } });
      const err = await p.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BenchError);
      expect((err as Error).message).toBe('download of train-images-idx3-ubyte.gz interrupted; nothing was written');
      expect(listing(path.join(dataDir, 'fashion-mnist'))).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  (fs.existsSync(SHARED_FASHION) ? it : it.skip)(
    'bench data fetch fashion-mnist --mirror: downloads, verifies (by content for Debian-compressed files), lists',
    async () => {
      const files = Object.fromEntries(Object.values(MNIST_FILES).map((f) => [f, fs.readFileSync(path.join(SHARED_FASHION, f))]));
      const srv = await serve(files);
      try {
        const io = memoryIO();
        expect(await main(['data', 'fetch', 'fashion-mnist', '--mirror', srv.url, '--data-dir', dataDir], io)).toBe(0);
        expect(io.stdout).toEqual([`fashion-mnist: 4 files verified in ${path.join(dataDir, 'fashion-mnist')} (4 downloaded)`]);
        expect(listing(path.join(dataDir, 'fashion-mnist'))).toEqual(Object.values(MNIST_FILES).sort());
        const again = memoryIO();
        expect(await main(['data', 'fetch', 'fashion-mnist', '--mirror', srv.url, '--data-dir', dataDir], again)).toBe(0);
        expect(again.stdout).toEqual([`fashion-mnist: 4 files verified in ${path.join(dataDir, 'fashion-mnist')} (all already present)`]);
        expect(srv.hits).toHaveLength(4);
      } finally {
        await srv.close();
      }
    },
  );

  it('offline: exit 2 with what to download by hand and where to put it', async () => {
    // A port that was just free: nothing listens, the connection is refused at once.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const io = memoryIO();
    expect(await main(['data', 'fetch', 'cifar10', '--mirror', `http://127.0.0.1:${port}`, '--data-dir', dataDir], io)).toBe(2);
    const text = io.stderr.join('\n');
    expect(text).toContain('bench: cannot download cifar-10-binary.tar.gz (offline, or the server cannot be reached); nothing was written:');
    expect(text).toContain(`http://127.0.0.1:${port}/cifar-10-binary.tar.gz: ECONNREFUSED`);
    expect(text).toContain(`extract data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin from its cifar-10-batches-bin/ folder into ${path.join(dataDir, 'cifar10')}/`);
  });
});

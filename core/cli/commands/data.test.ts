/**
 * `bench data list` and `bench data verify` on real and corrupt dataset files: what is present, where, checksum
 * states, and exit 2 naming a bad file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeCifarFixture } from '../../data/fixtures';
import type { DatasetStatus } from '../../data/status';
import { memoryIO } from '../io';
import { main } from '../main';

describe('bench data list / verify', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-data-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('list names mnist, fashion-mnist and cifar10: present or not, where, sizes, checksum state', async () => {
    writeCifarFixture(dataDir, 1);
    const io = memoryIO();
    expect(await main(['data', 'list', '--data-dir', dataDir], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(new RegExp(`^mnist {10}absent {5}expected in ${path.join(dataDir, 'mnist')}$`, 'm'));
    expect(text).toContain('runs use the embedded subset in');
    expect(text).toMatch(/^fashion-mnist {2}absent .*\(also searched \/usr\/share\/datasets\/fashion-mnist\)$/m);
    expect(text).toContain(`cifar10        present    ${path.join(dataDir, 'cifar10')}  6 files, 18.4 kB; not official; matches SHA256SUMS`);

    const json = memoryIO();
    expect(await main(['data', 'list', '--json', '--data-dir', dataDir], json)).toBe(0);
    const sts = JSON.parse(json.stdout.join('')) as DatasetStatus[];
    expect(sts.map((s) => [s.name, s.present, s.ok])).toEqual([['mnist', false, false], ['fashion-mnist', false, false], ['cifar10', true, true]]);
    expect(sts[2]!.files[0]).toMatchObject({ file: 'data_batch_1.bin', bytes: 3073, state: 'local-sha256sums' });
  });

  it('verify: 0 when every present file checks out and decodes; 2 naming the file when one does not', async () => {
    const dir = writeCifarFixture(dataDir, 1);
    const ok = memoryIO();
    expect(await main(['data', 'verify', 'cifar10', '--data-dir', dataDir], ok)).toBe(0);
    expect(ok.stdout.join('\n')).toMatch(/ {17}test_batch\.bin {14} +3\.1 kB {2}not official; matches SHA256SUMS/);

    // The embedded subset stands in for an absent mnist and is checked too.
    const all = memoryIO();
    expect(await main(['data', 'verify', '--data-dir', dataDir], all)).toBe(0);

    fs.appendFileSync(path.join(dir, 'data_batch_4.bin'), Buffer.from([1]));
    const bad = memoryIO();
    expect(await main(['data', 'verify', '--data-dir', dataDir], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(new RegExp(`^bench: cifar10: ${path.join(dir, 'data_batch_4.bin')}: checksum mismatch: sha256 [0-9a-f]{64}, but`, 'm'));
    expect(bad.stdout.join('\n')).toMatch(/data_batch_4\.bin .*CHECKSUM MISMATCH/);
  });

  it('verify NAME of an absent dataset is exit 2 and says how to get it; a corrupt run input is exit 2 too', async () => {
    const io = memoryIO();
    expect(await main(['data', 'verify', 'fashion-mnist', '--data-dir', dataDir], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('bench: fashion-mnist is not present in');
    expect(io.stderr.join('\n')).toContain('run `bench data fetch fashion-mnist`');

    const suite = path.join(dataDir, 's.json');
    fs.writeFileSync(suite, JSON.stringify({ name: 's', models: ['linear-3072'], datasets: ['cifar10'], optimizers: ['sgd'], seeds: [1], epochs: 1 }));
    const dir = writeCifarFixture(dataDir, 1);
    fs.writeFileSync(path.join(dir, 'test_batch.bin'), Buffer.alloc(100));
    const run = memoryIO();
    expect(await main(['run', suite, '--data-dir', dataDir, '--backend', 'cpu', '--out', path.join(dataDir, 'r.json')], run)).toBe(2);
    expect(run.stderr.join('\n')).toContain(`bench: ${path.join(dir, 'test_batch.bin')}: 100 bytes is not a whole number of 3073-byte CIFAR-10 records`);
  });

  it('fetch needs a name; list takes none', async () => {
    const io = memoryIO();
    expect(await main(['data', 'fetch', '--data-dir', dataDir], io)).toBe(2);
    expect(io.stderr.join('\n')).toBe('bench: bench data fetch: name the dataset (mnist, fashion-mnist, cifar10)');
  });
});

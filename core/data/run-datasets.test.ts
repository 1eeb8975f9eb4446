/**
 * `bench run` end to end on each dataset: the embedded MNIST, Fashion-MNIST from a data directory
 * (../shared/data when present), and CIFAR-10 files in the official binary format written here.
 * Small: a few hundred training images, one epoch, the wasm backend.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryIO } from '../cli/io';
import { main } from '../cli/main';
import type { ResultsDocument } from '../results/document';
import { writeCifarFixture } from './fixtures';
import { withStatus } from '../../test/fixtures/make-trial';

const SHARED_DATA = path.resolve(__dirname, '../../../shared/data');
const haveFashion = fs.existsSync(path.join(SHARED_DATA, 'fashion-mnist', 't10k-labels-idx1-ubyte.gz'));

describe('bench run on each dataset', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-run-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function run(suite: Record<string, unknown>, dataDir: string): Promise<ResultsDocument> {
    const file = path.join(tmp, 'suite.json');
    const out = path.join(tmp, 'results.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'datasets-check', optimizers: [{ name: 'sgd', params: { lr: 0.05 } }], seeds: [3], epochs: 1, ...suite }));
    const io = memoryIO();
    const code = await main(['run', file, '--data-dir', dataDir, '--backend', 'wasm', '--out', out], io);
    if (code !== 0) throw new Error(`bench run exited ${code}:\n${io.stderr.join('\n')}`);
    return JSON.parse(fs.readFileSync(out, 'utf8')) as ResultsDocument;
  }

  it('CIFAR-10 in the binary format (files of our own, listed in SHA256SUMS), cifar-cnn-keras, standardised', async () => {
    writeCifarFixture(tmp, 20);
    const doc = await run(
      { models: ['cifar-cnn-keras'], datasets: ['cifar10'], batchSize: 20, validationFraction: 0.2, preprocessing: { normalize: 'standardize' } },
      tmp,
    );
    const t = doc.trials[0]!;
    expect(t.status).toBe('ok');
    expect(t.model).toEqual({ name: 'cifar-cnn-keras', params: 122_570 });
    expect(t.dataset).toMatchObject({ name: 'cifar10', train: 80, validation: 20, test: 20 });
    expect(doc.datasets[0]!.id).toMatch(/^cifar10-local-[0-9a-f]{8}$/);
    expect(doc.datasets[0]!.files.map((f) => [f.file, (f as { verifiedBy?: string }).verifiedBy])).toEqual(
      ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'].map((f) => [f, 'local-sha256sums']),
    );
    expect(Number.isFinite(t.history[0]!.trainLoss)).toBe(true);
    expect(withStatus(t, 'ok').final.confusion.flat().reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('the embedded MNIST subset, its first 200 images, softmax classifier', async () => {
    const doc = await run(
      { models: ['linear-784'], datasets: ['mnist'], optimizers: [{ name: 'sgd', params: { lr: 0.5 } }], batchSize: 10, preprocessing: { trainSubset: 200 } },
      tmp,
    );
    const t = doc.trials[0]!;
    expect(t.status).toBe('ok');
    expect(t.dataset).toMatchObject({ id: 'mnist-subset-6309', train: 180, validation: 20, test: 10_000 });
    expect(doc.datasets[0]!.id).toBe('mnist-subset-6309');
    expect(withStatus(t, 'ok').final.testAccuracy).toBeGreaterThan(0.5); // 200 images, one epoch of SGD: well above chance (0.1)
  });

  (haveFashion ? it : it.skip)('Fashion-MNIST from a data directory, 300 images, an MLP', async () => {
    const doc = await run({ models: ['mlp-784-64'], datasets: ['fashion-mnist'], batchSize: 30, validationFraction: 0.2, preprocessing: { trainSubset: 300 } }, SHARED_DATA);
    const t = doc.trials[0]!;
    expect(t.status).toBe('ok');
    expect(t.dataset).toMatchObject({ id: 'fashion-mnist', train: 240, validation: 60, test: 10_000 });
    expect(doc.datasets[0]!.source).toBe(path.join(SHARED_DATA, 'fashion-mnist'));
    expect(t.model.params).toBe(784 * 64 + 64 + 650);
    expect(withStatus(t, 'ok').final.testAccuracy).toBeGreaterThan(0.3); // 300 images, one epoch: well above chance (0.1)
  });
});

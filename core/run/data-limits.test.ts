/**
 * Test-only data limits: `limitDataset` cuts the splits and says so in the dataset's id and checksum; the
 * library cuts only what `RunOptions.dataLimits` says, never what the environment says (the CLI reads
 * BENCH_TRAIN_LIMIT / BENCH_TEST_LIMIT, core/cli/test-limits.ts).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEmbeddedMnist } from '../data/mnist';
import { resolveSuite } from '../suite/load';
import { limitDataset } from './data-limits';
import { runSuite } from './run-suite';

describe('data limits', () => {
  it('limitDataset cuts the splits and says so in the id and checksum', () => {
    const full = loadEmbeddedMnist();
    const cut = limitDataset(full, { train: 10 });
    expect(cut.train.count).toBe(10);
    expect(cut.train.images.length).toBe(10 * 784);
    expect(cut.test.count).toBe(10000);
    expect(cut.id).toBe('mnist-subset-6309-train10');
    expect(cut.checksum).not.toBe(full.checksum);
    expect(limitDataset(full, { train: 10, test: 20 }).id).toBe('mnist-subset-6309-train10-test20');
    expect(limitDataset(full, {})).toBe(full);
  });

  it('runSuite does not read BENCH_TRAIN_LIMIT / BENCH_TEST_LIMIT: only opts.dataLimits cuts', async () => {
    const suite = resolveSuite(
      { name: 'env', models: ['linear-784'], datasets: ['mnist'], optimizers: ['sgd'], seeds: [1], epochs: 1, batchSize: 32 },
      path.join(os.tmpdir(), 'env.json'),
    );
    const saved = { train: process.env.BENCH_TRAIN_LIMIT, test: process.env.BENCH_TEST_LIMIT };
    process.env.BENCH_TRAIN_LIMIT = '64';
    process.env.BENCH_TEST_LIMIT = '32';
    try {
      const plan = async (dataLimits?: { train: number }) => {
        const controller = new AbortController(); // stop before training: the plan is what is checked
        return runSuite(suite, { backend: 'wasm', dataDir: path.join(os.tmpdir(), 'no-data'), dataLimits, signal: controller.signal, events: { onPlan: () => controller.abort() } });
      };
      const plain = await plan();
      expect([plain.datasets[0]!.id, plain.run.dataLimits]).toEqual(['mnist-subset-6309', null]);
      const cut = await plan({ train: 100 });
      expect([cut.datasets[0]!.id, cut.run.dataLimits]).toEqual(['mnist-subset-6309-train100', { train: 100 }]);
    } finally {
      for (const [k, v] of [['BENCH_TRAIN_LIMIT', saved.train], ['BENCH_TEST_LIMIT', saved.test]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

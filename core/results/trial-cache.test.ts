/**
 * The result cache (`--cache-dir`) when it is shared: a record from another machine (another CPU
 * model) is not reused, since its timings would enter this run's ranking and gate; an entry that is not
 * a valid trial record is a miss with a warning, never a crash and never used.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTrial, withStatus } from '../../test/fixtures/make-trial';
import type { BackendInfo } from '../backends';
import { type RunOptions, runSuite } from '../run/run-suite';
import { resolveSuite } from '../suite/load';
import { type CacheKey, cacheKeyOf, TrialCache } from './trial-cache';

/** When set, the CPU model this process reports (a run "on another machine"). */
let mockCpuModel: string | undefined;
jest.mock('node:os', () => {
  const actual = jest.requireActual<typeof import('node:os')>('node:os');
  return { ...actual, cpus: () => actual.cpus().map((c) => (mockCpuModel ? { ...c, model: mockCpuModel } : c)) };
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a cache shared between machines', () => {
  const suite = resolveSuite(
    { name: 'cached', models: ['lenet5'], datasets: ['mnist'], optimizers: [{ name: 'sgd', params: { lr: 0.05 } }], seeds: [1], epochs: 1, batchSize: 64 },
    path.join(tmp, 'cached.json'),
  );
  const cacheDir = path.join(tmp, 'shared');
  const base: RunOptions = { backend: 'wasm', dataDir: path.join(tmp, 'no-data'), dataLimits: { train: 128, test: 100 }, cacheDir };

  /** What a run on this cache plans (trained nothing: it is aborted before training). */
  async function plan(): Promise<{ cached: number; toRun: number }> {
    const controller = new AbortController();
    let seen = { cached: -1, toRun: -1 };
    await runSuite(suite, { ...base, signal: controller.signal, events: { onPlan: (p) => ((seen = p), controller.abort()) } });
    return { cached: seen.cached, toRun: seen.toRun };
  }

  it('reuses a trial on the machine that trained it, not on a machine with another CPU', async () => {
    const first = await runSuite(suite, base);
    expect(first.run.cachedTrials).toEqual([]);
    expect(await plan()).toEqual({ cached: 1, toRun: 0 });
    mockCpuModel = 'Another CPU @ 1.0GHz';
    try {
      expect(await plan()).toEqual({ cached: 0, toRun: 1 });
    } finally {
      mockCpuModel = undefined;
    }
  });
});

describe('TrialCache', () => {
  const backend: BackendInfo = { name: 'wasm', requested: 'wasm', package: '@tensorflow/tfjs-backend-wasm', tfjsVersion: '4.22.0', threads: 1, notes: [] };
  const code = { version: '0.1.0', gitCommit: null, hash: '0123456789abcdef' };
  const record = { ...makeTrial({ config: 'adam', seed: 1 }), id: 'abc-s1' };

  it('keys an entry on the machine: CPU model, backend, its package and version, threads', () => {
    const key = cacheKeyOf('abc-s1', 'sum', code, backend);
    expect(key).toEqual({
      trialId: 'abc-s1',
      datasetChecksum: 'sum',
      codeHash: '0123456789abcdef',
      machine: { cpu: os.cpus()[0]!.model.trim(), backend: 'wasm', package: '@tensorflow/tfjs-backend-wasm', version: '4.22.0', threads: 1 },
    });
    const cache = new TrialCache(path.join(tmp, 'keys'));
    expect(cache.put(key, record)).toBe(true);
    expect(cache.get(key)).toEqual(record);
    const other = (machine: Partial<CacheKey['machine']>): CacheKey => ({ ...key, machine: { ...key.machine, ...machine } });
    for (const m of [{ cpu: 'Another CPU' }, { threads: 4 }, { version: '4.21.0' }, { backend: 'tensorflow', package: '@tensorflow/tfjs-node' }]) {
      expect(cache.get(other(m))).toBeUndefined();
    }
  });

  it('treats an entry that is not a valid trial record as a miss, with a warning', () => {
    const warnings: string[] = [];
    const cache = new TrialCache(path.join(tmp, 'invalid'), (line) => warnings.push(line));
    const key = cacheKeyOf('abc-s1', 'sum', code, backend);
    const file = cache.fileOf(key);
    cache.put(key, record);
    const entry = JSON.parse(fs.readFileSync(file, 'utf8'));

    fs.writeFileSync(file, JSON.stringify({ ...entry, record: { ...record, status: 'finished', final: { ...withStatus(record, 'ok').final, testAccuracy: 97 } } }));
    expect(cache.get(key)).toBeUndefined();
    fs.writeFileSync(file, '{"key": {"trialId": "abc-s1"');
    expect(cache.get(key)).toBeUndefined();
    expect(warnings).toEqual([
      // An unknown status names no branch of the record's union: what else the record holds is not checked.
      `warning: cache entry ${file} is not a valid trial record ($.record.status: must be one of ["ok","diverged","failed","timeout"]): ignored, the trial runs again`,
      `warning: cache entry ${file} is not valid JSON: ignored, the trial runs again`,
    ]);
    // An absent entry is an ordinary miss.
    fs.rmSync(file);
    expect(cache.get(key)).toBeUndefined();
    expect(warnings).toHaveLength(2);
  });
});

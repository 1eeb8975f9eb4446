/**
 * The runner's scale-out paths on real training (LeNet-5, wasm, the embedded MNIST cut to 256 training
 * and 200 test images): worker processes give the serial results, shards merge to the unsharded run,
 * the cache skips matching trials, an abort leaves a valid partial document.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeResults } from '../results/merge';
import type { TrialRecord } from '../train/record';
import { readResults } from '../results/document';
import { readPreviousRun } from './resume';
import { type RunOptions, runSuite } from './run-suite';
import { type DataLimits, type RunDocument } from '../results/run-info';
import { resolveSuite, type Suite } from '../suite/load';
import { readTrialLog } from '../results/trial-log';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-runner-'));
const limits: DataLimits = { train: 256, test: 200 };
const suite: Suite = resolveSuite(
  {
    name: 'scale',
    models: ['lenet5'],
    datasets: ['mnist'],
    optimizers: [
      { name: 'sgd', params: { lr: 0.05 } },
      { name: 'adam', params: { lr: 0.002 } },
    ],
    seeds: [1, 2],
    epochs: 1,
    batchSize: 64,
  },
  path.join(tmp, 'scale.json'),
);
const base: RunOptions = { backend: 'wasm', dataDir: path.join(tmp, 'no-data'), dataLimits: limits };

/** A record without what depends on the clock. */
function numbers(r: TrialRecord) {
  return {
    id: r.id,
    status: r.status,
    params: r.model.params,
    dataset: r.dataset,
    history: r.history.map((e) => [e.trainLoss, e.trainAccuracy, e.valLoss, e.valAccuracy]),
    test: r.status === 'ok' ? [r.final.testLoss, r.final.testAccuracy, r.final.confusion] : undefined,
  };
}

let serial: RunDocument;
const cacheDir = path.join(tmp, 'cache');

beforeAll(async () => {
  serial = await runSuite(suite, { ...base, workers: 1, out: path.join(tmp, 'serial.json'), cacheDir });
});

describe('runSuite scale-out', () => {
  it('records the cut data, the code version and the plan', () => {
    expect(serial.complete).toBe(true);
    expect(serial.trials.map((t) => t.id)).toEqual(suite.trials.map((t) => t.id));
    expect(serial.datasets[0]!.id).toBe('mnist-subset-6309-train256-test200');
    expect(serial.trials[0]!.dataset).toMatchObject({ id: 'mnist-subset-6309-train256-test200', train: 230, validation: 26, test: 200 });
    expect(serial.run).toMatchObject({ workers: 1, shard: null, dataLimits: limits, cachedTrials: [], resumedTrials: [] });
    expect(serial.run.code.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(serial.trials.every((t) => t.status === 'ok')).toBe(true);
    // The log beside the results holds a header and the four trials.
    const log = readTrialLog(path.join(tmp, 'serial.json.trials.jsonl'));
    expect(log.records.map((r) => r.id)).toEqual(serial.trials.map((t) => t.id));
    expect(readResults(path.join(tmp, 'serial.json')).trials).toHaveLength(4);
  });

  it('2 worker processes give exactly the serial numbers, in suite order', async () => {
    const started: Array<[string, number]> = [];
    const parallel = await runSuite(suite, { ...base, workers: 2, events: { onTrialStart: (t, w) => started.push([t.id, w]) } });
    expect(parallel.trials.map(numbers)).toEqual(serial.trials.map(numbers));
    expect(new Set(started.map(([, w]) => w))).toEqual(new Set([1, 2]));
    expect(parallel.run.workers).toBe(2);
    // The threads recorded are those each worker's TensorFlow ran with: cores / workers, or 1 (wasm).
    const expected = parallel.environment.backend.name === 'tensorflow' ? Math.max(1, Math.floor(os.availableParallelism() / 2)) : 1;
    expect(parallel.environment.backend.threads).toBe(expected);
  });

  it('shards 1/2 and 2/2 merge into the unsharded run', async () => {
    const s1 = await runSuite(suite, { ...base, shard: { index: 1, count: 2 } });
    const s2 = await runSuite(suite, { ...base, shard: { index: 2, count: 2 } });
    expect(s1.trials).toHaveLength(2);
    expect(s2.trials).toHaveLength(2);
    const merged = mergeResults([
      { file: 's2.json', doc: s2 },
      { file: 's1.json', doc: s1 },
    ]);
    expect(merged.complete).toBe(true);
    expect(merged.trials.map(numbers)).toEqual(serial.trials.map(numbers));
    expect(merged.ranking.map((r) => [r.configId, r.testAccuracy!.mean])).toEqual(serial.ranking.map((r) => [r.configId, r.testAccuracy!.mean]));
  });

  it('takes matching trials from the cache and trains none of them again', async () => {
    const started: string[] = [];
    const again = await runSuite(suite, { ...base, cacheDir, events: { onTrialStart: (t) => started.push(t.id) } });
    expect(started).toEqual([]);
    expect(again.run.cachedTrials).toEqual(suite.trials.map((t) => t.id));
    expect(again.trials).toEqual(serial.trials); // the very records, timings included
    // Other data (another cut) is another key: nothing matches.
    const other = await runSuite(suite, { ...base, dataLimits: { train: 128, test: 200 }, cacheDir, shard: { index: 1, count: 4 }, events: { onTrialStart: (t) => started.push(t.id) } });
    expect(other.run.cachedTrials).toEqual([]);
    expect(started).toEqual(other.trials.map((t) => t.id));
  });

  it('an abort leaves a valid partial document that --resume finishes', async () => {
    const out = path.join(tmp, 'aborted.json');
    const controller = new AbortController();
    const partial = await runSuite(suite, {
      ...base,
      out,
      signal: controller.signal,
      events: {
        onTrial: (_r, done) => {
          if (done === 1) controller.abort();
        },
      },
    });
    expect(partial.complete).toBe(false);
    expect(partial.trials).toHaveLength(1);
    const onDisk = readResults(out);
    expect(onDisk.complete).toBe(false);
    expect(onDisk.trials.map((t) => t.id)).toEqual([suite.trials[0]!.id]);

    const prev = readPreviousRun(out);
    const done = await runSuite(suite, { ...base, out, resume: prev });
    expect(done.complete).toBe(true);
    expect(done.run.resumedTrials).toEqual([suite.trials[0]!.id]);
    expect(done.trials[0]).toEqual(partial.trials[0]); // kept, not trained again
    expect(done.trials.map(numbers)).toEqual(serial.trials.map(numbers));
    expect(readTrialLog(`${out}.trials.jsonl`).records.map((r) => r.id)).toEqual(suite.trials.map((t) => t.id));
  });

  it('refuses to resume with another suite or another shard', async () => {
    const prev = readPreviousRun(path.join(tmp, 'serial.json'));
    const bigger = resolveSuite({ ...suite.spec, seeds: [1, 2, 3] }, suite.file);
    await expect(runSuite(bigger, { ...base, resume: prev })).rejects.toThrow(/not the same suite: its trials differ from this suite's \(0 not in this suite, 2 new\)/);
    await expect(runSuite(suite, { ...base, resume: prev, shard: { index: 1, count: 2 } })).rejects.toThrow(/was run as the whole suite/);
  });
});

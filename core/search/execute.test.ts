/**
 * `executeSuite`, the one call behind `bench run`: SIGINT/SIGTERM become an abort when asked for (and only
 * with worker processes), the results file's lock is held for the run and released after it, and a plain
 * suite refuses `defaults`. Tiny data: a linear model on 128 training images, the wasm backend.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readResults } from '../results/document';
import { tempWriter } from '../../test/helpers';
import { executeSuite, type ExecuteOptions } from './execute';

const { dir: tmp, write } = tempWriter('bench-execute-');
const suite = write('four.json', {
  name: 'four',
  models: ['linear-784'],
  datasets: ['mnist'],
  optimizers: [
    { name: 'sgd', params: { lr: 0.1 } },
    { name: 'adam', params: { lr: 0.01 } },
  ],
  seeds: [1, 2],
  epochs: 1,
  batchSize: 32,
});
const base: ExecuteOptions = { suite, backend: 'wasm', dataDir: path.join(tmp, 'no-data'), dataLimits: { train: 128, test: 100 } };
const listeners = () => [...process.listeners('SIGINT'), ...process.listeners('SIGTERM')];

describe('executeSuite', () => {
  it('SIGINT while 2 workers train: stopped by SIGINT, a valid incomplete file, no handler or lock left', async () => {
    const out = path.join(tmp, 'stopped.json');
    const before = listeners();
    const lines: string[] = [];
    const run = await executeSuite({
      ...base,
      out,
      workers: 2,
      stopOnSignals: true,
      events: {
        log: (l) => lines.push(l),
        onTrial: (_r, done) => {
          expect(fs.existsSync(`${out}.lock`)).toBe(true);
          if (done === 1) for (const l of process.listeners('SIGINT').filter((x) => !before.includes(x))) (l as () => void)();
        },
      },
    });
    expect(run.stoppedBy).toBe('SIGINT');
    expect(lines).toContain('SIGINT: stopping; trials in flight are dropped');
    expect(lines).toContain(`results: ${out}, rewritten after each trial; if the run is stopped, finish it with: bench run --resume ${out}`);
    expect(run.doc.complete).toBe(false);
    expect(run.doc.trials.length).toBeGreaterThanOrEqual(1);
    expect(run.doc.trials.length).toBeLessThan(4);
    expect(readResults(out).trials.map((t) => t.id)).toEqual(run.doc.trials.map((t) => t.id));
    expect(listeners()).toEqual(before);
    expect(fs.existsSync(`${out}.lock`)).toBe(false);

    // Resumed through the same call: the suite, the backend and the file come from the interrupted run.
    const resumed = await executeSuite({ backend: 'auto', resume: out, workers: 1, dataDir: base.dataDir, dataLimits: base.dataLimits });
    expect([resumed.out, resumed.stoppedBy, resumed.doc.complete, resumed.doc.environment.backend.name]).toEqual([out, undefined, true, 'wasm']);
    expect(resumed.doc.run.resumedTrials).toEqual(run.doc.trials.map((t) => t.id));
  });

  it('with --workers 1 no signal handler is installed (the training loop would delay it)', async () => {
    const before = listeners();
    let during: unknown[] = [];
    const run = await executeSuite({ ...base, out: path.join(tmp, 'serial.json'), workers: 1, stopOnSignals: true, shard: '1/4', events: { onPlan: () => (during = listeners()) } });
    expect(during).toEqual(before);
    expect(run.doc.trials.map((t) => t.status)).toEqual(['ok']);
  });

  it('defaults on a suite without a search: an InputError, and the lock is released', async () => {
    const out = path.join(tmp, 'defaults.json');
    await expect(executeSuite({ ...base, out, defaults: true })).rejects.toThrow('--defaults: the suite has no search; its ranking is already the untuned one');
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
    expect(fs.existsSync(out)).toBe(false);
  });
});

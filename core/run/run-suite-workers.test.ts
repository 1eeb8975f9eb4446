/**
 * How many worker processes a run starts: as many as there are trials left to train (at most `workers`),
 * none when the cache or the resumed run holds every trial; and the backend is selected once per run.
 * Counted by spying on child_process.fork, which core/run/pool.ts calls for each worker it starts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as backends from '../backends';
import { resolveSuite } from '../suite/load';
import { readPreviousRun } from './resume';
import { type RunOptions, runSuite } from './run-suite';

const childProcess: typeof import('node:child_process') = jest.requireActual('node:child_process');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-workers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const suite = resolveSuite(
  {
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
  },
  path.join(tmp, 'four.json'),
);
const base: RunOptions = { backend: 'wasm', dataDir: path.join(tmp, 'no-data'), dataLimits: { train: 128, test: 100 } };

/** Runs `f`, counting the worker processes started and the parent's backend selections meanwhile. */
async function counting<T>(f: () => Promise<T>): Promise<{ result: T; forks: number; backendCalls: number }> {
  const fork = jest.spyOn(childProcess, 'fork');
  const useBackend = jest.spyOn(backends, 'useBackend');
  try {
    const result = await f();
    return { result, forks: fork.mock.calls.length, backendCalls: useBackend.mock.calls.length };
  } finally {
    fork.mockRestore();
    useBackend.mockRestore();
  }
}

describe('the worker pool is sized to the trials left', () => {
  it('a shard of one trial on --workers 4 starts one worker, and selects the backend once', async () => {
    const plans: Array<{ toRun: number; workers: number }> = [];
    const slots: number[] = [];
    const { result, forks, backendCalls } = await counting(() =>
      runSuite(suite, { ...base, workers: 4, shard: { index: 1, count: 4 }, events: { onPlan: (p) => plans.push(p), onTrialStart: (_t, w) => slots.push(w) } }),
    );
    expect(result.trials.map((t) => t.status)).toEqual(['ok']);
    expect(plans).toMatchObject([{ toRun: 1, workers: 1 }]);
    expect(slots).toEqual([1]);
    expect(forks).toBe(1);
    expect(backendCalls).toBe(1);
  });

  it('every trial in the cache: no worker starts', async () => {
    const cacheDir = path.join(tmp, 'cache');
    await runSuite(suite, { ...base, workers: 1, cacheDir });
    const { result, forks } = await counting(() => runSuite(suite, { ...base, workers: 2, cacheDir }));
    expect(result.run.cachedTrials).toHaveLength(4);
    expect(forks).toBe(0);
  });

  it('resuming a run with 2 of 4 trials done on --workers 3 starts 2 workers', async () => {
    const out = path.join(tmp, 'partial.json');
    const controller = new AbortController();
    const partial = await runSuite(suite, {
      ...base,
      workers: 1,
      out,
      signal: controller.signal,
      events: { onTrial: (_r, done) => done === 2 && controller.abort() },
    });
    expect(partial.trials).toHaveLength(2);
    const { result, forks } = await counting(() => runSuite(suite, { ...base, workers: 3, out, resume: readPreviousRun(out) }));
    expect(result.complete).toBe(true);
    expect(result.run.resumedTrials).toEqual(partial.trials.map((t) => t.id));
    expect(forks).toBe(2);
  });
});

describe('worker start-up and efficiency', () => {
  it('workers start and warm up before the probe, which runs once they are idle; the document records each worker\'s busy seconds', async () => {
    const lines: string[] = [];
    const realFork = childProcess.fork.bind(childProcess);
    const fork = jest.spyOn(childProcess, 'fork');
    const order: string[] = [];
    fork.mockImplementation(((...args: Parameters<typeof childProcess.fork>) => {
      order.push('fork');
      return realFork(...args);
    }) as typeof childProcess.fork);
    let doc;
    try {
      doc = await runSuite(suite, { ...base, workers: 2, events: { log: (l) => (lines.push(l), order.push(l.split(':')[0]!)) } });
    } finally {
      fork.mockRestore();
    }
    // The workers start before the data is loaded, and are ready before the probe.
    expect(order.filter((w) => ['fork', 'mnist', 'workers', 'calibration'].includes(w))).toEqual(['fork', 'fork', 'mnist', 'workers', 'calibration', 'workers']);
    expect(lines.find((l) => l.startsWith('workers: 2 ready'))).toMatch(/^workers: 2 ready \(backend, datasets, first trial's tensors\) in \d+\.\d s$/);
    const { busySeconds, wallSeconds } = doc.run;
    expect(busySeconds).toHaveLength(2);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(busySeconds!)).toBeCloseTo(sum(doc.trials.map((t) => t.wallSeconds)), 2);
    expect(wallSeconds!).toBeGreaterThanOrEqual(Math.max(...busySeconds!));
    expect(lines[lines.length - 1]).toMatch(/^workers: 2, \d+\.\d s: worker 1 busy \d+\.\d s, worker 2 busy \d+\.\d s \(\d+% of 2 x \d+\.\d s\)$/);
  });

  it('one worker in this process: one slot, busy for every trial; nothing left to train: no slot', async () => {
    const out = path.join(tmp, 'local.json');
    const doc = await runSuite(suite, { ...base, workers: 1, out });
    expect(doc.run.busySeconds).toHaveLength(1);
    expect(doc.run.busySeconds![0]).toBeCloseTo(doc.trials.reduce((a, t) => a + t.wallSeconds, 0), 2);
    const again = await runSuite(suite, { ...base, workers: 2, out, resume: readPreviousRun(out) });
    expect(again.run.busySeconds).toEqual([]);
  });
});

describe('workers started before the run', () => {
  it('the run takes workers started early instead of forking its own, cut to the trials left', async () => {
    const { startWorkers } = await import('./prestart');
    const fork = jest.spyOn(childProcess, 'fork');
    try {
      const started = startWorkers({ workers: 2, backend: 'wasm', dataDir: base.dataDir, dataLimits: base.dataLimits! });
      expect(fork).toHaveBeenCalledTimes(2);
      const result = await runSuite(suite, { ...base, workers: 2, shard: { index: 1, count: 4 }, started });
      expect(fork).toHaveBeenCalledTimes(2); // none of its own
      expect(result.trials.map((t) => t.status)).toEqual(['ok']);
      expect(result.run.busySeconds).toHaveLength(1); // one trial: the pool kept one worker
      expect(started.take()).toBeUndefined(); // taken by the run
      await started.release();
    } finally {
      fork.mockRestore();
    }
  });

  it('workers started for another thread count are not taken; release kills them', async () => {
    const { startWorkers } = await import('./prestart');
    const started = startWorkers({ workers: 2, backend: 'wasm', threads: 7, dataDir: base.dataDir, dataLimits: base.dataLimits! });
    const result = await runSuite(suite, { ...base, workers: 2, shard: { index: 1, count: 4 }, started });
    expect(result.complete).toBe(true);
    const pids = started.pids;
    expect(pids).toHaveLength(2); // still its own
    await started.release();
    expect(started.pids).toEqual([]);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});

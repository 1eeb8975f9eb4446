/**
 * `bench micro` on small workloads: every discovered plugin benchmarked with exact sample counts and no leak,
 * errored plugins recorded, selection by name, and its --json read by `bench compare`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fabricateMicro } from '../../test/fabricate';
import { type BackendInfo, useBackend } from '../backends';
import { memoryIO } from '../cli/io';
import { main } from '../cli/main';
import type { OptimizerPlugin } from '../plugin/contracts';
import { DEFAULT_WORKLOAD, runMicro, selectPlugins, workloadOf } from './micro';
import { type MicroCompleted, type MicroDocument, microProblems } from '../results/micro-document';
import { Registry } from '../plugin/registry';
import * as tf from '../tf';

// Exact step counts, no timing: time 0 means tinybench runs exactly `iterations` steps (and
// `warmupIterations` warm-up steps).
// Tiny shapes keep the test fast on any machine; the default workload is checked on its own.
const TINY = { optimizerWeights: [[3, 3, 1, 2], [2], [4, 3], [3]], activationShape: [2, 4, 4, 2] };
const FAST = { workload: TINY, time: 0, iterations: 2, warmupTime: 0, warmupIterations: 1, calibration: { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 0 } };

/** An optimizer that records what it is given: w' = w - 1, slot n counts steps. */
function spyOptimizer(log: Array<{ t: number; w0: number; n: number }>, failAt?: number): OptimizerPlugin {
  return {
    name: 'spy',
    kind: 'optimizer',
    summary: 'test',
    params: { type: 'object', properties: { lr: { type: 'number', default: 0.5 } } },
    init: (w) => ({ n: tf.zerosLike(w) }),
    update(_g, w, slots, t, lr) {
      if (t === failAt) throw new Error(`spy fails at step ${t}`);
      if (w.shape.length === 4) log.push({ t, w0: w.flatten().arraySync()[0]!, n: slots.n!.flatten().arraySync()[0]! });
      expect(lr).toBe(0.5);
      return { weight: w.sub(1), slots: { n: slots.n!.add(1) } };
    },
  };
}

describe('bench micro', () => {
  let backend: BackendInfo;
  beforeAll(async () => {
    backend = await useBackend('wasm');
  });

  it('benchmarks every discovered optimizer, activation and regularizer, with exact sample counts and no leak', async () => {
    const registry = Registry.builtIn();
    const before = tf.memory().numTensors;
    const doc = await runMicro({ backend, registry, ...FAST });
    expect(tf.memory().numTensors).toBe(before);
    expect(microProblems(doc)).toEqual([]);
    const expected = [
      ...registry.list('optimizer').map((p) => `optimizer/${p.name}`),
      ...registry.list('activation').map((p) => `activation/${p.name}`),
      ...registry.list('regularizer').map((p) => `regularizer/${p.name}`),
    ];
    expect(doc.benchmarks.map((b) => b.name)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['optimizer/adam', 'optimizer/sgd', 'activation/relu', 'regularizer/dropout']));
    for (const b of doc.benchmarks) {
      expect(b).toMatchObject({ state: 'completed', samples: 2 });
      const c = b as MicroCompleted;
      expect(c.samplesMs).toHaveLength(2);
      expect(c.opsPerSecond).toBeCloseTo(1000 / c.meanMs, 1);
    }
    expect(doc.environment.calibration?.samples).toBe(2);
    expect(doc.workload).toEqual(TINY);
    expect(DEFAULT_WORKLOAD.optimizerWeights.reduce((s, shape) => s + shape.reduce((a, b) => a * b, 1), 0)).toBe(61706); // LeNet-5's parameters
    expect(DEFAULT_WORKLOAD.activationShape).toEqual([64, 28, 28, 6]);
  });

  it('steps an optimizer as training does: init once per phase, t from 1, weights and slots carried over', async () => {
    const log: Array<{ t: number; w0: number; n: number }> = [];
    const registry = new Registry();
    registry.add(spyOptimizer(log));
    const before = tf.memory().numTensors;
    const doc = await runMicro({ backend, registry, ...FAST });
    expect(tf.memory().numTensors).toBe(before);
    // Warm-up: 1 step from fresh weights; run: 2 steps from fresh weights.
    expect(log.map((l) => [l.t, l.n])).toEqual([
      [1, 0],
      [1, 0],
      [2, 1],
    ]);
    expect(log[2]!.w0).toBeCloseTo(log[1]!.w0 - 1, 5);
    expect(log[0]!.w0).toBe(log[1]!.w0); // the same fixed weights each time
    expect(doc.benchmarks[0]).toMatchObject({ name: 'optimizer/spy', state: 'completed', samples: 2, params: { lr: 0.5 } });
  });

  it('records a plugin that throws as errored, and still leaks nothing', async () => {
    const registry = new Registry();
    registry.add(spyOptimizer([], 2));
    const before = tf.memory().numTensors;
    const doc = await runMicro({ backend, registry, ...FAST, warmupIterations: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(doc.benchmarks[0]).toEqual({ name: 'optimizer/spy', group: 'optimizer', plugin: 'spy', params: { lr: 0.5 }, state: 'errored', error: 'spy fails at step 2' });
    expect(microProblems(doc)).toEqual([]);
  });

  it('a layer regularizer workload sets up, steps and tears down (twice) without a leak', () => {
    const reg = Registry.builtIn().get('regularizer', 'dropout')!;
    const before = tf.memory().numTensors;
    const w = workloadOf(reg, { rate: 0.5 }, TINY);
    w.setup();
    w.step();
    w.step();
    w.teardown();
    w.teardown(); // idempotent
    expect(tf.memory().numTensors).toBe(before);
  });

  it('selects plugins by name; unknown names are exit-2 errors with a suggestion', () => {
    const registry = Registry.builtIn();
    expect(selectPlugins(registry, { optimizer: ['sgd'] }).map((s) => `${s.group}/${s.plugin.name}`)).toEqual(['optimizer/sgd']);
    expect(selectPlugins(registry, { optimizer: [], activation: ['relu'] }).map((s) => s.group)).toEqual([
      ...registry.list('optimizer').map(() => 'optimizer'),
      'activation',
    ]);
    expect(() => selectPlugins(registry, { optimizer: ['adma'] })).toThrow('--optimizer adma: no such optimizer (did you mean "adam"?)');
  });

  it('bench micro --json prints a document that bench compare reads', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-micro-'));
    const io = memoryIO();
    const out = path.join(tmp, 'm.json');
    const code = await main(['micro', '--optimizer', 'sgd', '--json', '--time', '0', '--iterations', '3', '--out', out], io);
    expect(code).toBe(0);
    const doc = JSON.parse(io.stdout.join('\n')) as MicroDocument;
    expect(doc.benchmarks.map((b) => [b.name, b.state === 'completed' && b.samples])).toEqual([['optimizer/sgd', 3]]);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(doc);
    const cmp = memoryIO();
    expect(await main(['compare', out, out], cmp)).toBe(0);
    expect(cmp.stdout.join('\n')).toContain('optimizer/sgd');
  });
});

describe('bench compare on micro results', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-micro-cmp-'));
  let k = 0;
  const write = (doc: MicroDocument) => {
    expect(microProblems(doc)).toEqual([]);
    const f = path.join(tmp, `m${k++}.json`);
    fs.writeFileSync(f, JSON.stringify(doc));
    return f;
  };
  async function cli(...argv: string[]) {
    const io = memoryIO();
    const code = await main(['compare', ...argv], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  }
  const steps = { 'optimizer/adam': [1.02, 0.98, 1.01, 0.99, 1.0, 1.03], 'optimizer/sgd': [0.51, 0.49, 0.5, 0.52, 0.48, 0.5] };
  const scaled = (f: number) => Object.fromEntries(Object.entries(steps).map(([n, s]) => [n, s.map((v) => v * f)]));

  it('matches benchmarks by name and tests significance on their samples', async () => {
    const base = write(fabricateMicro(steps));
    expect((await cli(base, base)).code).toBe(0);
    const slower = write(fabricateMicro({ ...steps, 'optimizer/adam': steps['optimizer/adam'].map((v) => v * 1.5) }));
    const r = await cli(base, slower, '--format', 'json');
    expect(r.code).toBe(1);
    const c = JSON.parse(r.out);
    expect(c.rows.map((x: { label: string; verdict: string }) => [x.label, x.verdict])).toEqual([
      ['optimizer/adam', 'regression'],
      ['optimizer/sgd', 'ok'],
    ]);
    expect(c.rows[0].change).toBeCloseTo(0.5, 10);
    expect(c.rows[0].test.df).toBeGreaterThan(5);
  });

  it('calibrates micro times too: a uniformly 20% slower machine passes', async () => {
    const base = write(fabricateMicro(steps, { probeMs: 3 }));
    const cur = write(fabricateMicro(scaled(1.2), { probeMs: 3.6 }));
    expect((await cli(base, cur)).code).toBe(0);
    expect((await cli(base, cur, '--raw-times')).code).toBe(1);
  });

  it('reports an errored benchmark as a regression and one missing from a file as unmatched', async () => {
    const base = write(fabricateMicro(steps));
    const broken = write(fabricateMicro({ 'optimizer/adam': null, 'optimizer/sgd': steps['optimizer/sgd'], 'optimizer/lion': [0.7, 0.71, 0.69] }));
    const r = await cli(base, broken);
    expect(r.code).toBe(1);
    expect(r.out).toContain('1/1 ok -> 0/1 ok (errored: boom)');
    expect(r.out).toContain('note: Only in the current file (not compared): optimizer/lion.');
  });

  it('refuses to compare micro results with suite results, or a metric micro results lack', async () => {
    const base = write(fabricateMicro(steps));
    const { fabricateResults } = await import('../../test/fabricate');
    const res = path.join(tmp, 'results.json');
    fs.writeFileSync(res, JSON.stringify(fabricateResults()));
    const r = await cli(base, res);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`bench: cannot compare ${base} (micro results) with ${res} (results)`);
    const m = await cli(base, base, '--metric', 'testAccuracy');
    expect(m.code).toBe(2);
    expect(m.err).toBe('bench: --metric testAccuracy: micro results files have meanMs');
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...fabricateMicro(steps), benchmarks: [{ name: 'x', state: 'completed' }] }));
    const b = await cli(base, bad);
    expect(b.code).toBe(2);
    expect(b.err.split('\n')[0]).toBe(`bench: ${bad}: not a valid micro results file`);
    expect(b.err).toContain("\n  $.benchmarks[0]: must have required property 'group'");
  });
});

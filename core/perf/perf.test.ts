/**
 * `bench perf`: seeded synthetic data, the kernel-call counter, LeNet-5 measured with the real training
 * step, its --json lines, no leak on the engine under test, and an unknown model refused.
 */
import { useBackend } from '../backends';
import { testBackend } from '../backends/testing';
import { memoryIO } from '../cli/io';
import { main } from '../cli/main';
import { getModel } from '../models';
import { installProbe, measurePerf, syntheticDataset } from './perf';
import * as tf from '../tf';

describe('bench perf', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('makes the same synthetic data from the same seed, of the model input shape', () => {
    const a = syntheticDataset(getModel('lenet5'), 3, 1, 5);
    const b = syntheticDataset(getModel('lenet5'), 3, 1, 5);
    expect(a.train.images).toHaveLength(3 * 32 * 32);
    expect(Buffer.from(a.train.images).equals(Buffer.from(b.train.images))).toBe(true);
    expect(Array.from(a.train.labels).every((l) => l >= 0 && l < 10)).toBe(true);
    expect(Buffer.from(syntheticDataset(getModel('lenet5'), 3, 1, 6).train.images).equals(Buffer.from(a.train.images))).toBe(false);
  });

  it('counts and times kernel calls once each, and removes itself', () => {
    const x = tf.tensor1d([1, 2]);
    const probe = installProbe();
    tf.tidy(() => x.add(x).mul(x).sum());
    probe.remove();
    tf.tidy(() => x.add(x));
    expect(probe.calls.get('Add')!.n).toBe(1);
    expect(probe.calls.get('Multiply')!.n).toBe(1);
    expect(probe.calls.get('Sum')!.n).toBe(1);
    expect(probe.kernelMs).toBeGreaterThan(0);
    x.dispose();
  });

  it('measures LeNet-5 with the real step: ops per step, flat tensor count', async () => {
    const before = tf.memory().numTensors;
    const r = await measurePerf({ model: 'lenet5', batch: 2, steps: 2 });
    expect(r).toMatchObject({ model: 'lenet5', backend: 'wasm', batch: 2, steps: 2, tfOpsPerStep: null });
    // 186 kernel calls a step (the fused Adam update: its 14 ops once for all 10 weights, 5 reshapes
    // and a concat to flatten the gradients, a split and 5 reshapes back, 26 in place of 10 x 14; C5 as
    // a matrix product with the reshapes of its input, kernel and output; forward, backward, loss,
    // accuracy, batch gathers) plus the epoch's 2 (stack of the losses, sum of the hits) over 2 steps.
    // Counted on wasm, where a gradient kernel built from other kernels counts once.
    expect(r.opsPerStep).toBe(187);
    expect(r.tensorsPerEpoch).toHaveLength(3);
    expect(new Set(r.tensorsPerEpoch).size).toBe(1);
    expect(r.samplesPerSecond).toBeGreaterThan(0);
    expect(r.overheadFraction).toBeGreaterThanOrEqual(0);
    expect(r.overheadFraction).toBeLessThan(1);
    expect(r.peakRssMB).toBeGreaterThan(10);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('prints one JSON line per model with --json', async () => {
    const io = memoryIO();
    const code = await main(['perf', '--backend', 'wasm', '--batch', '2', '--steps', '2', '--json'], io);
    expect(code).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const line = JSON.parse(io.stdout[0]!) as Record<string, unknown>;
    for (const k of ['model', 'backend', 'batch', 'samplesPerSecond', 'overheadFraction', 'peakRssMB', 'opsPerStep', 'tensorsPerEpoch']) expect(line).toHaveProperty(k);
    expect(line.model).toBe('lenet5');
  });

  it('trains without a leak on the engine under test ($BENCH_TEST_BACKEND)', async () => {
    const info = await useBackend(testBackend(), { threads: 1 });
    const r = await measurePerf({ model: 'lenet5', batch: 8, steps: 2 });
    expect(r.backend).toBe(info.name);
    expect(new Set(r.tensorsPerEpoch).size).toBe(1);
    if (info.name === 'tensorflow') expect(r.tfOpsPerStep).toBeGreaterThan(0);
    await useBackend('wasm');
  });

  it('names an unknown model as bad input', async () => {
    const io = memoryIO();
    expect(await main(['perf', '--backend', 'cpu', '--model', 'lenet6'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/unknown model "lenet6"/);
  });
});

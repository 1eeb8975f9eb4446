/**
 * One trial's training loop on real MNIST images (wasm): learning, per-epoch records, no leaked tensors,
 * reproduction by seed, divergence where it was seen, penalties apart, leaks failed.
 */
import { smallMnist } from '../../test/helpers';
import { withStatus } from '../../test/fixtures/make-trial';
import { useBackend } from '../backends';
import { toTensors } from '../data/tensors';
import { getModel } from '../models';
import type { TrialRecord } from './record';
import { Registry } from '../plugin/registry';
import { createRng } from '../util/rng';
import { resolveSuite } from '../suite/load';
import { type Trial } from '../suite/types';
import { timeToTarget } from '../analysis/target';
import * as tf from '../tf';
import { runTrial } from './trial';
import { splitIndices } from './split';

const registry = Registry.builtIn();
const dataset = smallMnist(640, 200);

function trial(optimizer: unknown, extra: Record<string, unknown> = {}, seed = 1): Trial {
  const s = resolveSuite({ name: 't', models: ['lenet5'], datasets: ['mnist'], optimizers: [optimizer], seeds: [seed], epochs: 2, batchSize: 32, validationFraction: 0.25, ...extra }, 't.json', registry);
  return s.trials[0]!;
}

describe('training loop (wasm backend, 480 real MNIST images)', () => {
  let tensors: ReturnType<typeof toTensors>;
  let linear: ReturnType<typeof toTensors>;
  beforeAll(async () => {
    await useBackend('wasm');
    tensors = toTensors(dataset, getModel('lenet5').inputShape, 'lenet5');
    linear = toTensors(dataset, getModel('linear-784').inputShape, 'linear-784');
  });
  afterAll(() => {
    tensors.dispose();
    linear.dispose();
  });

  it('learns, records every epoch, leaks no tensors and is reproduced by its seed', async () => {
    const before = tf.memory().numTensors;
    const t = trial({ name: 'adam', params: { lr: 0.003 } });
    const a = withStatus(await runTrial(t, { dataset, tensors }, registry), 'ok');
    expect(tf.memory().numTensors).toBe(before);
    expect(a.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(a.dataset).toMatchObject({ train: 480, validation: 160, test: 200, id: 'mnist-small-640-200' });
    expect(a.model.params).toBe(61706);
    expect(a.history[1]!.trainLoss).toBeLessThan(a.history[0]!.trainLoss);
    expect(a.final.testAccuracy).toBeGreaterThan(0.6); // chance is 0.1
    const conf = a.final.confusion;
    expect(conf.flat().reduce((x, y) => x + y, 0)).toBe(200);
    expect(conf.reduce((s, row, i) => s + row[i]!, 0) / 200).toBeCloseTo(a.final.testAccuracy, 10);
    expect(a.final.samplesPerSecond).toBeCloseTo(960 / a.final.trainSeconds, 6);

    const b = withStatus(await runTrial(t, { dataset, tensors }, registry), 'ok');
    expect(b.history.map((h) => [h.trainLoss, h.valLoss, h.valAccuracy])).toEqual(a.history.map((h) => [h.trainLoss, h.valLoss, h.valAccuracy]));
    expect(b.final.testLoss).toBe(a.final.testLoss);

    const c = await runTrial(trial({ name: 'adam', params: { lr: 0.003 } }, {}, 2), { dataset, tensors }, registry);
    expect(c.history[0]!.trainLoss).not.toBe(a.history[0]!.trainLoss);
  });

  it('ends a trial whose loss is not finite as diverged, with epoch and step, and goes on cleanly', async () => {
    const before = tf.memory().numTensors;
    const r = withStatus(await runTrial(trial({ name: 'sgd', params: { lr: 1e12 } }), { dataset, tensors }, registry), 'diverged');
    expect(r.divergence).toMatchObject({ epoch: 1, where: 'train', metric: 'loss' });
    expect(r.divergence.where === 'train' && r.divergence.step).toBeGreaterThan(1);
    expect(r).not.toHaveProperty('final');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a loss finite in training but not after the step is a divergence where it was seen: validation, else test', async () => {
    // One full-batch step at lr 1e38: its own loss is computed before the update, so it is finite.
    const blowup = { name: 'sgd', params: { lr: 1e38 } };
    const before = tf.memory().numTensors;
    const v = await runTrial(trial(blowup, { batchSize: 'full', epochs: 1 }), { dataset, tensors }, registry);
    expect([v.status, withStatus(v, 'diverged').divergence, v.history, Object.keys(v).includes('final')]).toEqual(['diverged', { epoch: 1, where: 'validation', metric: 'loss', value: 'Infinity' }, [], false]);
    const t = await runTrial(trial(blowup, { batchSize: 'full', epochs: 1, validationFraction: 0 }), { dataset, tensors }, registry);
    expect([t.status, withStatus(t, 'diverged').divergence, Object.keys(t).includes('final')]).toEqual(['diverged', { epoch: 1, where: 'test', metric: 'loss', value: 'Infinity' }, false]);
    expect(t.history.map((h) => [h.epoch, Number.isFinite(h.trainLoss), h.valLoss])).toEqual([[1, true, null]]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('records the data loss as trainLoss and a penalty apart as trainPenalty', async () => {
    // One full-batch step: its loss is that of the initial weights, the same whatever the penalty.
    const full = (regularizers: unknown[]) => trial({ name: 'sgd', params: { lr: 0.01 } }, { batchSize: 'full', epochs: 1, regularizers: [regularizers] });
    const none = await runTrial(full([]), { dataset, tensors }, registry);
    const l2 = await runTrial(full([{ name: 'l2', params: { lambda: 0.01 } }]), { dataset, tensors }, registry);
    const l2x2 = await runTrial(full([{ name: 'l2', params: { lambda: 0.02 } }]), { dataset, tensors }, registry);
    const first = (r: TrialRecord) => r.history[0]!;
    expect([none.status, l2.status, l2x2.status]).toEqual(['ok', 'ok', 'ok']);
    expect(first(l2).trainLoss).toBe(first(none).trainLoss);
    expect(first(l2x2).trainLoss).toBe(first(none).trainLoss);
    expect(first(none).trainPenalty).toBeUndefined();
    expect(first(l2).trainPenalty).toBeGreaterThan(0.001);
    expect(first(l2x2).trainPenalty! / first(l2).trainPenalty!).toBeCloseTo(2, 5);
    // a target on trainLoss is on the data loss: the penalised trial reaches the unpenalised loss
    expect(timeToTarget(l2.history, { metric: 'trainLoss', value: first(none).trainLoss })).toMatchObject({ reached: true, epochs: 1 });
  });

  it('records a trial whose plugin leaks tensors as failed, with its history and no test metrics', async () => {
    const sgd = registry.get('optimizer', 'sgd')!;
    const leaked: tf.Tensor[] = [];
    const leaky = { ...sgd, name: 'leaky-sgd', update: (...args: Parameters<typeof sgd.update>) => (leaked.push(tf.keep(tf.scalar(1))), sgd.update(...args)) };
    const r2 = new Registry();
    for (const p of registry.list()) r2.add(p);
    r2.add(leaky);
    const t = trial('sgd');
    const r = await runTrial({ ...t, config: { ...t.config, optimizer: { ...t.config.optimizer, name: 'leaky-sgd' } } }, { dataset, tensors }, r2);
    tf.dispose(leaked);
    // 480 rows in steps of 32 for 2 epochs: 30 steps, one fused update each.
    expect([r.status, r.status === 'failed' && r.error]).toEqual(['failed', '30 tensors leaked by this trial (a plugin kept tensors it did not return)']);
    expect(r.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(Object.keys(r)).not.toContain('final');
    expect(Object.keys(r).slice(4, 6)).toEqual(['status', 'model']);
  });

  it('records a trial that throws as failed and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const broken = { ...registry.get('optimizer', 'sgd')!, name: 'broken-sgd', update: () => { throw new Error('update exploded'); } };
    const r2 = new Registry();
    for (const p of registry.list()) r2.add(p);
    r2.add(broken);
    const t = trial('sgd');
    const r = await runTrial({ ...t, config: { ...t.config, optimizer: { ...t.config.optimizer, name: 'broken-sgd' } } }, { dataset, tensors }, r2);
    expect(withStatus(r, 'failed').error).toBe('update exploded');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stopped before its epochs (a halving rung, scheduleEpochs) trains the first epochs of the full trial, bit for bit', async () => {
    const full = trial({ name: 'sgd', params: { lr: 0.05 }, schedule: { name: 'cosine' } }, { models: ['linear-784'], epochs: 3 });
    const rung = { ...full, config: { ...full.config, epochs: 2, scheduleEpochs: 3 } };
    const f = withStatus(await runTrial(full, { dataset, tensors: linear }, registry), 'ok');
    const r = withStatus(await runTrial(rung, { dataset, tensors: linear }, registry), 'ok');
    const same = (h: TrialRecord['history'][number]) => [h.trainLoss, h.trainAccuracy, h.valLoss, h.valAccuracy, h.lr];
    expect(r.history.map(same)).toEqual(f.history.slice(0, 2).map(same));
    expect(r.epochs).toBe(2);
    // Cosine over 3 epochs: 0.05 (1 + cos(pi e / 3)) / 2; over 2 the second epoch would train at 0.025.
    expect(f.history.map((h) => h.lr)).toEqual([0.05, 0.05 * 0.75, 0.05 * 0.25].map((x) => expect.closeTo(x, 12)));
  });
});

describe('validation split', () => {
  it('is a seeded, disjoint, complete partition', () => {
    const a = splitIndices(100, 0.2, createRng(7, 'split'));
    const b = splitIndices(100, 0.2, createRng(7, 'split'));
    const c = splitIndices(100, 0.2, createRng(8, 'split'));
    expect(a.val).toHaveLength(20);
    expect(a.train).toHaveLength(80);
    expect(Array.from(a.val)).toEqual(Array.from(b.val));
    expect(Array.from(a.val)).not.toEqual(Array.from(c.val));
    expect([...a.train, ...a.val].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

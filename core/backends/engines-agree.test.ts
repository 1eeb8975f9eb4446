/**
 * Same results on both engines: LeNet-5 trained on 256 embedded MNIST images for 3 epochs (batch 32,
 * Adam, seed 7) on wasm and on the native TensorFlow engine. The two compute in float32 with different
 * kernels (summation order), so values agree to rounding, which training amplifies slowly:
 *   per-epoch training loss within 2e-3 (absolute; the loss starts near 2.3),
 *   test accuracy on 500 test images within 1 percentage point (5 images).
 * Runs only where the native engine is installed; skipped with a message otherwise.
 */
import { loadEmbeddedMnist } from '../data/mnist';
import { toTensors } from '../data/tensors';
import { getModel } from '../models';
import { Registry } from '../plugin/registry';
import { resolveSuite } from '../suite/load';
import * as tf from '../tf';
import { runTrial } from '../train/trial';
import type { TrialRecord } from '../train/record';
import { withStatus } from '../../test/fixtures/make-trial';
import type { Dataset } from '../data';
import { useBackend } from './';
import { nativeInstalled } from './testing';

const native = nativeInstalled();
const describeNative = native ? describe : describe.skip;
if (!native) console.log('engines-agree: skipped: the native TensorFlow engine is not installed (run `bench setup native`)');

function subset(ds: Dataset, nTrain: number, nTest: number): Dataset {
  const px = ds.imageShape.reduce((a, b) => a * b, 1);
  return {
    ...ds,
    train: { images: ds.train.images.slice(0, nTrain * px), labels: ds.train.labels.slice(0, nTrain), count: nTrain },
    test: { images: ds.test.images.slice(0, nTest * px), labels: ds.test.labels.slice(0, nTest), count: nTest },
  };
}

async function train(backend: 'wasm' | 'tensorflow', ds: Dataset): Promise<TrialRecord> {
  await useBackend(backend, { threads: 1 });
  const registry = Registry.builtIn();
  const suite = resolveSuite(
    { name: 'agree', models: ['lenet5'], datasets: ['mnist'], optimizers: [{ name: 'adam', params: { lr: 0.002 } }], seeds: [7], epochs: 3, batchSize: 32, validationFraction: 0 },
    '<test>',
    registry,
  );
  const tensors = toTensors(ds, getModel('lenet5').inputShape, 'lenet5');
  try {
    return await runTrial(suite.trials[0]!, { dataset: ds, tensors }, registry);
  } finally {
    tensors.dispose();
  }
}

describeNative('LeNet-5 trains alike on wasm and on TensorFlow', () => {
  it('gives the same loss curve and test accuracy', async () => {
    const ds = subset(loadEmbeddedMnist(), 192, 500);
    const onWasm = await train('wasm', ds);
    const onTf = await train('tensorflow', ds);
    expect(tf.getBackend()).toBe('tensorflow');
    expect(onWasm.status).toBe('ok');
    expect(onTf.status).toBe('ok');
    const a = onWasm.history.map((e) => e.trainLoss);
    const b = onTf.history.map((e) => e.trainLoss);
    expect(a).toHaveLength(3);
    // Training happens: the loss falls from ~2.3.
    expect(a[2]!).toBeLessThan(a[0]! - 0.2);
    a.forEach((l, i) => expect(Math.abs(l - b[i]!)).toBeLessThan(1e-4));
    expect(Math.abs(withStatus(onWasm, 'ok').final.testAccuracy - withStatus(onTf, 'ok').final.testAccuracy)).toBeLessThanOrEqual(0.004 + 1e-12);
  });
});

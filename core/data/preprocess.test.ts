/**
 * Preprocessing against exact numbers: per-channel mean and population std, standardize and scale (with
 * zero-padding), trainSubset, preprocessing keys, and validation splits per seed.
 */
import { splitIndices } from '../train/split';
import { createRng } from '../util/rng';
import * as tf from '../tf';
import type { Dataset } from './dataset';
import { channelStats, isDefaultPreprocessing, preprocessingKey, withTrainSubset } from './preprocess';
import { toTensors } from './tensors';

/** Two 2x2 RGB training images and one test image with hand-picked pixels. */
function tiny(): Dataset {
  const split = (images: number[], labels: number[]) => ({ images: Uint8Array.from(images), labels: Uint8Array.from(labels), count: labels.length });
  // channel 0: 0,51,102,153 | 255,255,255,255 ; channel 1 all 51 ; channel 2: 0 and 255 alternating
  const a = [0, 51, 0, 51, 51, 255, 102, 51, 0, 153, 51, 255];
  const b = [255, 51, 0, 255, 51, 255, 255, 51, 0, 255, 51, 255];
  return {
    id: 't', name: 't', source: '', checksum: '', files: [], imageShape: [2, 2, 3], numClasses: 2,
    train: split([...a, ...b], [0, 1]),
    test: split(a, [1]),
  };
}

describe('preprocessing', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('per-channel mean and population std over the training images, exactly', () => {
    const { mean, std } = channelStats(tiny().train, 3);
    // channel 0: values/255 = 0, .2, .4, .6, 1, 1, 1, 1 -> mean 0.65, E[x^2] = (0 + .04 + .16 + .36 + 4) / 8
    expect(mean[0]).toBeCloseTo(0.65, 12);
    expect(std[0]).toBeCloseTo(Math.sqrt((0 + 0.04 + 0.16 + 0.36 + 4) / 8 - 0.65 * 0.65), 12);
    expect(mean[1]).toBeCloseTo(0.2, 12);
    expect(std[1]).toBe(0);
    expect(mean[2]).toBeCloseTo(0.5, 12);
    expect(std[2]).toBeCloseTo(0.5, 12);
  });

  it('standardize: training channels get mean 0 and std 1 (a constant channel is only centred); the test set uses the training statistics', async () => {
    const before = tf.memory().numTensors;
    const t = toTensors(tiny(), [2, 2, 3], 'm', { normalize: 'standardize' });
    const train = (await t.train.x.data()) as Float32Array;
    for (const c of [0, 2]) {
      const v = Array.from({ length: 8 }, (_, i) => train[i * 3 + c]!);
      const m = v.reduce((x, y) => x + y, 0) / 8;
      expect(m).toBeCloseTo(0, 5);
      expect(Math.sqrt(v.reduce((x, y) => x + (y - m) ** 2, 0) / 8)).toBeCloseTo(1, 5);
    }
    expect(train[1]).toBeCloseTo(0, 6);
    const test = (await t.test.x.data()) as Float32Array;
    expect(test[0]).toBeCloseTo((0 - 0.65) / t.stats!.std[0]!, 5);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scale (the default): pixel / 255, and zero-padding to a larger input', async () => {
    const ds = tiny();
    const t = toTensors({ ...ds, imageShape: [2, 2, 3] }, [4, 4, 3], 'm');
    expect(t.train.x.shape).toEqual([2, 4, 4, 3]);
    const x = (await t.train.x.data()) as Float32Array;
    expect(x[0]).toBe(0); // padding
    expect(x[(1 * 4 + 1) * 3 + 1]).toBeCloseTo(51 / 255, 6); // pixel (0,0) channel 1 lands at (1,1)
    t.dispose();
  });

  it('trainSubset keeps the first N training images (no copy) and leaves the test set alone', () => {
    const ds = tiny();
    const sub = withTrainSubset(ds, { normalize: 'scale', trainSubset: 1 });
    expect(sub.train.count).toBe(1);
    expect([...sub.train.images]).toEqual([...ds.train.images.subarray(0, 12)]);
    expect(sub.train.images.buffer).toBe(ds.train.images.buffer);
    expect(sub.test).toBe(ds.test);
    expect(withTrainSubset(ds, { normalize: 'scale' })).toBe(ds);
    expect(() => withTrainSubset(ds, { normalize: 'scale', trainSubset: 3 })).toThrow('preprocessing.trainSubset 3 exceeds the 2 training images of dataset t');
  });

  it('the default is recognised (configuration ids leave it out); keys tell preprocessings apart', () => {
    expect(isDefaultPreprocessing({ normalize: 'scale' })).toBe(true);
    expect(isDefaultPreprocessing({ normalize: 'scale', trainSubset: 10 })).toBe(false);
    expect(preprocessingKey({ normalize: 'standardize', trainSubset: 10 })).toBe('standardize/10');
  });

  it('validation splits are deterministic per seed and differ between seeds', () => {
    const a = splitIndices(20, 0.2, createRng(1, 'split'));
    const b = splitIndices(20, 0.2, createRng(1, 'split'));
    const c = splitIndices(20, 0.2, createRng(2, 'split'));
    expect([...a.val]).toEqual([0, 6, 11, 16]); // golden: seedrandom's Alea on "1/split"
    expect([...c.val]).toEqual([12, 13, 17, 19]);
    expect([...a.val]).toEqual([...b.val]);
    expect([...a.val]).not.toEqual([...c.val]);
    expect(a.val.length).toBe(4);
    expect([...a.train, ...a.val].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

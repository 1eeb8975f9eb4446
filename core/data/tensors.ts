/**
 * A dataset on the backend: images as float32 NHWC scaled to [0, 1] and zero-padded to the model's
 * input size, labels as int32 and one-hot. Built once per dataset and model input, shared by trials.
 */
import { InputError } from '../errors';
import * as tf from '../tf';
import type { Dataset, Split } from './dataset';

export interface SplitTensors {
  x: tf.Tensor4D;
  labels: tf.Tensor1D;
  oneHot: tf.Tensor2D;
  count: number;
}

export interface DatasetTensors {
  train: SplitTensors;
  test: SplitTensors;
  dispose(): void;
}

/** Even zero-padding that takes `have` to `want` pixels, or undefined if impossible. */
function padFor(have: number, want: number): [number, number] | undefined {
  const d = want - have;
  return d >= 0 && d % 2 === 0 ? [d / 2, d / 2] : undefined;
}

function splitTensors(s: Split, shape: [number, number, number], pad: Array<[number, number]>, classes: number): SplitTensors {
  return tf.tidy(() => {
    const raw = tf.tensor4d(s.images, [s.count, ...shape], 'int32');
    let x = raw.toFloat().div(255) as tf.Tensor4D;
    if (pad.some(([a, b]) => a || b)) x = tf.pad(x, [[0, 0], ...pad, [0, 0]]);
    const labels = tf.tensor1d(s.labels, 'int32');
    return { x, labels, oneHot: tf.oneHot(labels, classes).toFloat() as tf.Tensor2D, count: s.count };
  });
}

/** Puts `ds` on the backend for a model whose input is `input` (height, width, channels). */
export function toTensors(ds: Dataset, input: [number, number, number], modelName: string): DatasetTensors {
  const [h, w, c] = ds.imageShape;
  const ph = padFor(h, input[0]);
  const pw = padFor(w, input[1]);
  if (!ph || !pw || c !== input[2]) {
    throw new InputError(
      `model ${modelName} takes ${input.join('x')} inputs; dataset ${ds.name} has ${ds.imageShape.join('x')} images`,
    );
  }
  const pad: Array<[number, number]> = [ph, pw];
  const train = splitTensors(ds.train, ds.imageShape, pad, ds.numClasses);
  const test = splitTensors(ds.test, ds.imageShape, pad, ds.numClasses);
  return {
    train,
    test,
    dispose: () => tf.dispose([train.x, train.labels, train.oneHot, test.x, test.labels, test.oneHot]),
  };
}

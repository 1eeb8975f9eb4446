/**
 * A dataset on the backend: images as float32 NHWC, zero-padded to the model's input size, scaled to
 * [0, 1] or standardised per channel (core/data/preprocess.ts); labels as int32 and one-hot. Built once
 * per dataset, model input and preprocessing, shared by trials.
 */
import { InputError } from '../util/errors';
import * as tf from '../tf';
import type { Dataset, Split } from './dataset';
import { channelStats, DEFAULT_PREPROCESSING, type Preprocessing } from './preprocess';

export interface SplitTensors {
  x: tf.Tensor4D;
  labels: tf.Tensor1D;
  oneHot: tf.Tensor2D;
  count: number;
}

export interface DatasetTensors {
  train: SplitTensors;
  test: SplitTensors;
  /** The per-channel statistics used, when standardising. */
  stats?: { mean: number[]; std: number[] };
  dispose(): void;
}

/** Even zero-padding that takes `have` to `want` pixels, or undefined if impossible. */
function padFor(have: number, want: number): [number, number] | undefined {
  const d = want - have;
  return d >= 0 && d % 2 === 0 ? [d / 2, d / 2] : undefined;
}

/** Why images of `image` shape cannot feed a model taking `input` (height, width, channels), or undefined. */
export function inputMismatch(image: [number, number, number], input: [number, number, number], modelName: string, datasetName: string): string | undefined {
  const fits = padFor(image[0], input[0]) && padFor(image[1], input[1]) && image[2] === input[2];
  return fits ? undefined : `model ${modelName} takes ${input.join('x')} inputs; dataset ${datasetName} has ${image.join('x')} images`;
}

function splitTensors(
  s: Split,
  shape: [number, number, number],
  pad: Array<[number, number]>,
  classes: number,
  stats: { mean: number[]; std: number[] } | undefined,
): SplitTensors {
  return tf.tidy(() => {
    const raw = tf.tensor4d(s.images, [s.count, ...shape], 'int32');
    let x = raw.toFloat().div(255) as tf.Tensor4D;
    if (pad.some(([a, b]) => a || b)) x = tf.pad(x, [[0, 0], ...pad, [0, 0]]);
    if (stats) x = x.sub(tf.tensor1d(stats.mean)).div(tf.tensor1d(stats.std.map((d) => d || 1)));
    const labels = tf.tensor1d(s.labels, 'int32');
    return { x, labels, oneHot: tf.oneHot(labels, classes).toFloat() as tf.Tensor2D, count: s.count };
  });
}

/**
 * Puts `ds` on the backend for a model whose input is `input` (height, width, channels), with
 * preprocessing `pre` (its trainSubset is applied by the caller, core/data/preprocess.ts withTrainSubset).
 */
export function toTensors(
  ds: Dataset,
  input: [number, number, number],
  modelName: string,
  pre: Preprocessing = DEFAULT_PREPROCESSING,
): DatasetTensors {
  const [h, w, c] = ds.imageShape;
  const mismatch = inputMismatch(ds.imageShape, input, modelName, ds.name);
  if (mismatch) throw new InputError(mismatch);
  const pad: Array<[number, number]> = [padFor(h, input[0])!, padFor(w, input[1])!];
  const stats = pre.normalize === 'standardize' ? channelStats(ds.train, c) : undefined;
  const train = splitTensors(ds.train, ds.imageShape, pad, ds.numClasses, stats);
  const test = splitTensors(ds.test, ds.imageShape, pad, ds.numClasses, stats);
  return {
    train,
    test,
    ...(stats ? { stats } : {}),
    dispose: () => tf.dispose([train.x, train.labels, train.oneHot, test.x, test.labels, test.oneHot]),
  };
}

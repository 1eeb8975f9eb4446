/**
 * Evaluation of a model on a split: mean loss and accuracy (and the predicted classes, for the test
 * set's confusion matrix), in batches, read back from the backend once. Knows nothing of training,
 * optimizers or records.
 */
import type { ForwardContext } from '../plugin/contracts';
import type { SplitTensors } from '../data/tensors';
import type { Model } from '../models';
import * as tf from '../tf';
import { softmaxCrossEntropy } from './loss';

/** What `evaluate` returns. */
export interface EvalResult {
  /** Mean cross-entropy over the rows. */
  loss: number;
  /** Share of the rows whose predicted class is the label. */
  accuracy: number;
  /** Predicted class per row, when asked for. */
  predictions?: Int32Array;
}

/** Mean loss and accuracy of `model` on rows `rows` of `split` (all rows when absent), in batches. */
export async function evaluate(
  model: Model,
  split: SplitTensors,
  rows: Int32Array | undefined,
  batch: number,
  ctx: ForwardContext,
  keepPredictions = false,
): Promise<EvalResult> {
  const n = rows ? rows.length : split.count;
  const losses: tf.Scalar[] = [];
  const preds: tf.Tensor1D[] = [];
  for (let start = 0; start < n; start += batch) {
    const size = Math.min(batch, n - start);
    tf.tidy(() => {
      const idx = rows ? tf.tensor1d(rows.subarray(start, start + size), 'int32') : undefined;
      const x = idx ? tf.gather(split.x, idx) : split.x.slice(start, size);
      const y = idx ? tf.gather(split.oneHot, idx) : split.oneHot.slice(start, size);
      const logits = model.forward(x, ctx);
      losses.push(tf.keep(softmaxCrossEntropy(y, logits, 'sum')));
      preds.push(tf.keep(logits.argMax(1) as tf.Tensor1D));
    });
  }
  const lossSum = tf.tidy(() => tf.addN(losses));
  const predicted = tf.tidy(() => tf.concat(preds));
  const correct = tf.tidy(() => predicted.equal(rows ? tf.gather(split.labels, tf.tensor1d(rows, 'int32')) : split.labels).sum());
  const [l, c, p] = await Promise.all([lossSum.data(), correct.data(), keepPredictions ? predicted.data() : undefined]);
  tf.dispose([...losses, ...preds, lossSum, predicted, correct]);
  return { loss: l[0]! / n, accuracy: c[0]! / n, predictions: p ? Int32Array.from(p) : undefined };
}

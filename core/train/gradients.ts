/**
 * The gradient of one training step: the loss of its rows (and the penalty, if any) differentiated over
 * the trainable variables, in chunks of rows so that a full-batch step fits in memory. Knows nothing of
 * epochs, schedules, optimizers or records: the caller says how a chunk's loss is computed.
 */
import * as tf from '../tf';

/** Rows per forward/backward pass when `batchSize` is "full": gradients are summed over such chunks. */
export const FULL_BATCH_CHUNK = 1024;

/** What `batchGradients` asks of each chunk: its mean data loss, the penalty (if any) and its correct count. */
export interface ChunkLoss {
  loss: tf.Scalar;
  penalty?: tf.Scalar;
  correct: tf.Scalar;
}

/**
 * What `batchGradients` returns: the data loss summed over rows (mean loss times rows), the penalty
 * times rows (present when the chunks return one), the correct count and the gradients of the
 * objective (data loss plus penalty).
 */
export interface BatchGradients {
  loss: tf.Scalar;
  penalty?: tf.Scalar;
  correct: tf.Scalar;
  grads: tf.NamedTensorMap;
}

/**
 * The gradient of the mean loss plus penalty over `rows`, computed in chunks of at most `chunk` rows:
 * each chunk's gradient of its own objective, weighted by its share of the rows, summed. With one
 * chunk (a mini-batch) this is one forward/backward pass; for `batchSize: "full"` it bounds memory
 * while giving the gradient of the whole split (the penalty, added to every chunk's loss, counts once
 * in total since the shares sum to 1). `lossOf(part)` runs inside tf.variableGrads over `vars`.
 * Returns kept tensors (the caller disposes or keeps them).
 */
export function batchGradients(rows: Int32Array, chunk: number, vars: tf.Variable[], lossOf: (part: Int32Array) => ChunkLoss): BatchGradients {
  let acc: BatchGradients | undefined;
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.subarray(start, Math.min(start + chunk, rows.length));
    const share = part.length / rows.length;
    const r = tf.tidy(() => {
      let out: ChunkLoss | undefined;
      const { grads } = tf.variableGrads(() => {
        out = lossOf(part);
        tf.keep(out.loss);
        tf.keep(out.correct);
        if (out.penalty) tf.keep(out.penalty);
        return out.penalty ? (out.loss.add(out.penalty) as tf.Scalar) : out.loss;
      }, vars);
      // Scaled here, not inside the gradient function, where a product saves copies of its inputs.
      const { loss, penalty, correct } = out!;
      const scaled: tf.NamedTensorMap = {};
      for (const [k, g] of Object.entries(grads)) scaled[k] = share === 1 ? g : g.mul(share);
      const chunkSums = { loss: loss.mul(part.length) as tf.Scalar, correct, ...(penalty ? { penalty: penalty.mul(part.length) as tf.Scalar } : {}), grads: scaled };
      tf.dispose(penalty ? [loss, penalty] : [loss]);
      return chunkSums;
    });
    if (!acc) {
      acc = r;
      continue;
    }
    const prev = acc;
    acc = tf.tidy(() => ({
      loss: prev.loss.add(r.loss) as tf.Scalar,
      correct: prev.correct.add(r.correct) as tf.Scalar,
      ...(prev.penalty && r.penalty ? { penalty: prev.penalty.add(r.penalty) as tf.Scalar } : {}),
      grads: Object.fromEntries(Object.entries(prev.grads).map(([k, g]) => [k, r.grads[k] ? g.add(r.grads[k]!) : g])),
    }));
    for (const [k, g] of Object.entries(prev.grads)) if (acc.grads[k] !== g) g.dispose();
    tf.dispose([prev.loss, prev.correct, r.loss, r.correct, ...[prev.penalty, r.penalty].filter((t) => t !== undefined), ...Object.values(r.grads)]);
  }
  if (!acc) throw new Error('batchGradients: no rows');
  return acc;
}

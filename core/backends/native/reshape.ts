/**
 * Reshape, tfjs-node's kernel replaced. tfjs-node uploads the target shape as a new int32 tensor on
 * every call and deletes it after (a tfjs tensor, a TensorFlow tensor handle, two calls into the
 * binding); a training step reshapes 20-40 times (tfjs' matMul alone reshapes its operands to 3-D and
 * back). Here the shape handles are created once per distinct shape and kept in the binding, outside
 * tfjs' tensor accounting (at most SHAPE_CACHE of them; the oldest is deleted first). The Reshape op
 * itself is the same. Knows nothing of the other kernels.
 */
import * as tf from '../../tf';
import { type NodeBackend, typeAttr } from './binding';

/** Distinct target shapes whose TensorFlow handles are kept. */
export const SHAPE_CACHE = 512;

/** Reshape in place of `original`, tfjs-node's kernel, which it keeps for dtypes other than float32, int32 and bool. */
export function reshapeConfig(original: tf.KernelConfig): tf.KernelConfig {
  const shapes = new Map<string, number>();
  return {
    ...original,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      const { shape } = args.attrs as unknown as { shape: number[] };
      const b = args.backend as NodeBackend;
      const type = x.dtype === 'float32' ? b.binding.TF_FLOAT : x.dtype === 'int32' ? b.binding.TF_INT32 : x.dtype === 'bool' ? b.binding.TF_BOOL : undefined;
      if (type === undefined) return original.kernelFunc(args);
      const key = shape.join(',');
      let id = shapes.get(key);
      if (id === undefined) {
        if (shapes.size >= SHAPE_CACHE) {
          const [oldest, oldId] = shapes.entries().next().value as [string, number];
          b.binding.deleteTensor(oldId);
          shapes.delete(oldest);
        }
        id = b.binding.createTensor([shape.length], b.binding.TF_INT32, Int32Array.from(shape));
        shapes.set(key, id);
      }
      const attrs = [typeAttr(b, 'T', type), typeAttr(b, 'Tshape', b.binding.TF_INT32)];
      const [xId] = b.getInputTensorIds([x]);
      const [meta] = b.binding.executeOp('Reshape', attrs, [xId!, id], 1);
      return b.createOutputTensor(meta);
    },
  };
}

/**
 * The wasm backend's added Conv2DBackpropFilter against the cpu backend's, over strides and paddings,
 * and without a leaked tensor.
 */
import * as tf from '../tf';
import { useBackend } from './';

/** Runs the Conv2D weight gradient on a backend and returns its values. */
async function filterGrad(backend: string, xs: number[], xShape: number[], fShape: [number, number, number, number], strides: number, pad: 'same' | 'valid'): Promise<Float32Array> {
  await tf.setBackend(backend);
  const x = tf.tensor4d(xs, xShape as [number, number, number, number]);
  const [oh, ow] = tf.conv2d(x, tf.zeros(fShape) as tf.Tensor4D, strides, pad).shape.slice(1, 3) as [number, number];
  const dy = tf.tensor4d(Array.from({ length: xShape[0]! * oh * ow * fShape[3] }, (_, i) => Math.sin(i * 0.37)), [xShape[0]!, oh, ow, fShape[3]]);
  const dw = tf.grad((f: tf.Tensor) => tf.conv2d(x, f as tf.Tensor4D, strides, pad))(tf.zeros(fShape), dy);
  const v = (await dw.data()) as Float32Array;
  tf.dispose([x, dy, dw]);
  return v;
}

describe('wasm Conv2DBackpropFilter', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  const cases: Array<[string, number[], [number, number, number, number], number, 'same' | 'valid']> = [
    ['LeNet-5 conv1: 5x5, stride 1, valid', [3, 12, 12, 1], [5, 5, 1, 4], 1, 'valid'],
    ['CIFAR CNN: 3x3, stride 1, same', [2, 8, 8, 3], [3, 3, 3, 5], 1, 'same'],
    ['stride 2, same, odd size', [2, 9, 7, 2], [3, 3, 2, 3], 2, 'same'],
    ['stride 2, valid, remainder rows', [1, 10, 10, 2], [3, 3, 2, 2], 2, 'valid'],
    ['stride 3, valid, 4x2 kernel', [2, 11, 9, 3], [4, 2, 3, 2], 3, 'valid'],
  ];

  it.each(cases)('matches the cpu backend: %s', async (_name, xShape, fShape, strides, pad) => {
    const n = xShape.reduce((a, b) => a * b, 1);
    const xs = Array.from({ length: n }, (_, i) => Math.cos(i * 0.13) * 2);
    const ref = await filterGrad('cpu', xs, xShape, fShape, strides, pad);
    const got = await filterGrad('wasm', xs, xShape, fShape, strides, pad);
    expect(got.length).toBe(ref.length);
    let maxRel = 0;
    const scale = Math.max(...Array.from(ref, Math.abs));
    for (let i = 0; i < ref.length; i++) maxRel = Math.max(maxRel, Math.abs(got[i]! - ref[i]!) / scale);
    expect(maxRel).toBeLessThan(1e-5);
  });

  it('leaves no tensors or backend data behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.ones([2, 8, 8, 3]) as tf.Tensor4D;
    const dy = tf.ones([2, 4, 4, 4]) as tf.Tensor4D;
    const step = () => tf.tidy(() => tf.grad((f: tf.Tensor) => tf.conv2d(x, f as tf.Tensor4D, 2, 'same'))(tf.zeros([3, 3, 3, 4]), dy)).dispose();
    step(); // warm-up: the engine caches a few scalars on first use
    const before = tf.memory().numTensors;
    const dataBefore = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.engine().backend.numDataIds()).toBe(dataBefore);
    tf.dispose([x, dy]);
  });
});

/** The tensorflow backend's replacement kernels give tfjs-node's values. Runs where the native engine is installed. */
import * as path from 'node:path';
import * as tf from '../../tf';
import { useBackend } from '..';
import { nativeCandidates } from '../engine';
import { SHAPE_CACHE } from './';
import { nativeInstalled } from '../testing';

const native = nativeInstalled();
const describeNative = native ? describe : describe.skip;
if (!native) console.log('native kernels: skipped: the native TensorFlow engine is not installed (run `bench setup native`)');

describeNative('tensorflow Step', () => {
  beforeAll(async () => {
    await useBackend('tensorflow');
  });

  const values = [-Infinity, -3, -1e-30, -0, 0, 1e-45, 1e-38, 1e-37, 0.5, 3, Infinity, NaN];

  it('equals tfjs-node own kernel on every class of float, and 0/1 by hand', () => {
    const ours = Array.from(tf.tidy(() => tf.step(tf.tensor1d(values))).dataSync());
    // 1e-45 and 1e-38 are denormals: TensorFlow flushes them to zero, so their step is 0 in both kernels.
    expect(ours).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, NaN]);
    const entry = nativeCandidates().find((c) => c.entry)!.entry!;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const theirs = (require(path.join(entry, 'dist', 'kernels', 'Step.js')) as { stepConfig: tf.KernelConfig }).stepConfig;
    const x = tf.tensor1d(values);
    const ref = tf.engine().runKernel('Step', { x }, { alpha: 0 }) as tf.Tensor;
    const mine = tf.getKernel('Step', 'tensorflow')!;
    tf.unregisterKernel('Step', 'tensorflow');
    tf.registerKernel(theirs);
    const orig = tf.engine().runKernel('Step', { x }, { alpha: 0 }) as tf.Tensor;
    tf.unregisterKernel('Step', 'tensorflow');
    tf.registerKernel(mine);
    expect(Array.from(ref.dataSync())).toEqual(Array.from(orig.dataSync()));
    tf.dispose([x, ref, orig]);
  });

  it('keeps alpha != 0 on the original kernel and leaks nothing', () => {
    const x = tf.tensor1d([-2, 0, 2]);
    const before = tf.memory().numTensors;
    const y = tf.step(x, 0.25);
    expect(Array.from(y.dataSync())).toEqual([0.25, 0.25, 1]);
    y.dispose();
    tf.step(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('takes the relu gradient in one ReluGrad op, with the values of dy * step(x)', () => {
    const xs = [-2, -1e-30, -0, 0, 1e-37, 0.5, 3, -7, 8];
    const dys = [1, -2, 3, -4, 5, -6, 7, -8, 0.25];
    const x = tf.tensor1d(xs);
    const dy = tf.tensor1d(dys);
    const before = tf.memory().numTensors;
    const calls: string[] = [];
    const mine = tf.getKernel('BenchReluGrad', 'tensorflow')!;
    tf.unregisterKernel('BenchReluGrad', 'tensorflow');
    tf.registerKernel({ ...mine, kernelFunc: (a) => (calls.push('BenchReluGrad'), mine.kernelFunc(a)) });
    const g = tf.grad((t: tf.Tensor) => tf.relu(t))(x, dy);
    tf.unregisterKernel('BenchReluGrad', 'tensorflow');
    tf.registerKernel(mine);
    expect(calls).toEqual(['BenchReluGrad']);
    // By hand: dy where x > 0, else 0 (1e-37 is a normal float: > 0).
    expect(Array.from(g.dataSync()).map((v) => v + 0)).toEqual([0, 0, 0, 0, 5, -6, 7, 0, 0.25]);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, dy]);
  });

  it('reshapes with cached shape handles: the values and shapes of tfjs-node, -1 inferred, every dtype, no tensor left behind', () => {
    const before = tf.memory().numTensors;
    const x = tf.range(0, 24, 1, 'float32');
    const cases: Array<[number[], number[]]> = [[[2, 3, 4], [2, 3, 4]], [[4, -1], [4, 6]], [[-1], [24]], [[1, 24, 1], [1, 24, 1]]];
    for (let round = 0; round < 3; round++) {
      for (const [shape, expected] of cases) {
        const y = x.reshape(shape);
        expect(y.shape).toEqual(expected);
        expect(Array.from(y.dataSync())).toEqual(Array.from({ length: 24 }, (_, i) => i));
        y.dispose();
      }
    }
    expect(tf.tidy(() => tf.tensor1d([1, -2, 3, -4], 'int32').reshape([2, 2]).arraySync())).toEqual([[1, -2], [3, -4]]);
    expect(tf.tidy(() => tf.tensor1d([true, false, true, true], 'bool').reshape([2, 2]).arraySync())).toEqual([[1, 0], [1, 1]]);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('still reshapes correctly after more distinct shapes than it caches (the oldest handles are deleted)', () => {
    const x = tf.range(0, 2 * (SHAPE_CACHE + 10), 1, 'float32');
    for (let k = 1; k <= SHAPE_CACHE + 10; k++) {
      tf.tidy(() => {
        const y = x.slice(0, 2 * k).reshape([k, 2]);
        expect(y.shape).toEqual([k, 2]);
        if (k % 100 === 0 || k === 1) expect(Array.from(y.dataSync()).slice(-2)).toEqual([2 * k - 2, 2 * k - 1]);
      });
    }
    expect(tf.tidy(() => x.slice(0, 2).reshape([1, 2]).arraySync())).toEqual([[0, 1]]);
    x.dispose();
  });
});

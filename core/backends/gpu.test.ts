/**
 * The GPU build (tfjs-node-gpu on the `tensorflow` wheel): runs only where an NVIDIA GPU is found and
 * `bench setup native --gpu` installed the build; skipped with a message everywhere else (these
 * machines have no GPU, so this path is untested here).
 */
import * as tf from '../tf';
import { useBackend } from './';
import { nativeCandidates, probeGpu } from './engine';

const gpu = probeGpu();
const build = nativeCandidates().find((c) => c.gpu && c.entry !== undefined);
const ready = gpu.devices.length > 0 && build !== undefined;
if (!ready) console.log(`gpu: skipped: ${gpu.devices.length === 0 ? gpu.summary : 'no GPU build installed (`bench setup native --gpu`)'}`);

(ready ? describe : describe.skip)('the GPU build', () => {
  it('is what auto picks, and computes a matmul gradient exactly', async () => {
    const info = await useBackend('auto');
    expect(info.name).toBe('tensorflow');
    expect(info.gpuBuild).toBe(true);
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const g = tf.grad((x: tf.Tensor) => tf.matMul(x as tf.Tensor2D, a).sum())(tf.ones([2, 2]));
    expect(Array.from(g.dataSync())).toEqual([3, 7, 3, 7]);
    tf.dispose([a, g]);
  });
});

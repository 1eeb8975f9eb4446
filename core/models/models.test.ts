/**
 * The baseline models: parameter counts and layer output shapes of each (the built model agreeing with the
 * summary), regularizer sites, names of dense models, and forward passes on the cpu backend (LeNet-5's C5
 * as a matrix product, dropout in training only).
 */
import { defaultParams } from '../plugin/params';
import { createRng } from '../util/rng';
import { Registry } from '../plugin/registry';
import type { ActivationPlugin, InitializerPlugin, LayerRegularizerPlugin } from '../plugin/contracts';
import * as tf from '../tf';
import { buildModel, findModel, getModel, listedModels, summarizeModel, describeSites } from './';
import { imageShapeOfWidth, parseDenseModel } from './mlp';

describe('baseline models', () => {
  it.each([
    ['lenet5', 61_706, [[28, 28, 6], [14, 14, 6], [10, 10, 16], [5, 5, 16], [1, 1, 120], [120], [84], [10]]],
    ['cifar-cnn', 553_514, [[32, 32, 16], [16, 16, 16], [16, 16, 32], [8, 8, 32], [8, 8, 64], [4, 4, 64], [1024], [512], [10]]],
    ['cifar-cnn-keras', 122_570, [[30, 30, 32], [15, 15, 32], [13, 13, 64], [6, 6, 64], [4, 4, 64], [1024], [64], [10]]],
    ['mlp-784-500-250-100', 543_860, [[784], [500], [250], [100], [10]]],
    ['mlp-3072-512-512-256', 1_969_930, [[3072], [512], [512], [256], [10]]],
    ['linear-784', 7_850, [[784], [10]]],
    ['linear-3072', 30_730, [[3072], [10]]],
  ])('%s: %d parameters, layer output shapes', (name, params, shapes) => {
    const s = summarizeModel(getModel(name));
    expect(s.params).toBe(params);
    expect(s.layers.map((l) => l.outputShape)).toEqual(shapes);
  });

  it("seed 002's CNN: 896 + 18,496 + 36,928 + 65,600 + 650; with a third pool it would be 73,418", () => {
    const s = summarizeModel(getModel('cifar-cnn-keras'));
    expect(s.layers.filter((l) => l.params > 0).map((l) => l.params)).toEqual([896, 18_496, 36_928, 65_600, 650]);
    const spec = getModel('cifar-cnn-keras');
    const threePools = { ...spec, layers: [...spec.layers.slice(0, 5), { type: 'maxpool' as const, size: 2 }, ...spec.layers.slice(5)] };
    expect(summarizeModel(threePools).params).toBe(73_418);
    const samePadding = { ...threePools, layers: threePools.layers.map((l) => (l.type === 'conv' ? { ...l, padding: 'same' as const } : l)) };
    expect(summarizeModel(samePadding).params).toBe(122_570);
  });

  it('forward FLOPs per sample: 2 per multiply-add, one per pooled element (LeNet-5 by hand)', () => {
    const s = summarizeModel(getModel('lenet5'));
    // conv1 2*5*5*1*6*28*28, pool1 14*14*6*4, conv2 2*5*5*6*16*10*10, pool2 5*5*16*4, conv3 2*5*5*16*120, dense1 2*120*84, output 2*84*10
    expect(s.layers.map((l) => l.flops)).toEqual([235_200, 4_704, 480_000, 1_600, 96_000, 0, 20_160, 1_680]);
    expect(s.flops).toBe(839_344);
    expect(summarizeModel(getModel('linear-3072')).flops).toBe(2 * 3072 * 10);
  });

  it('regularizer sites: BN after conv layers, dropout after hidden dense layers, none on the output', () => {
    expect(describeSites(summarizeModel(getModel('lenet5')))).toBe('conv1, conv2, conv3 (conv); dense1 (dense)');
    expect(describeSites(summarizeModel(getModel('mlp-784-500-250-100')))).toBe('dense1, dense2, dense3 (dense)');
    expect(describeSites(summarizeModel(getModel('linear-3072')))).toBe('none');
    const noSite = { ...getModel('lenet5'), layers: getModel('lenet5').layers.map((l) => (l.type === 'conv' && l.filters === 120 ? { ...l, sites: false } : l)) };
    expect(describeSites(summarizeModel(noSite))).toBe('conv1, conv2 (conv); dense1 (dense)');
  });

  it('dense models are named by their widths; bad names say what is expected', () => {
    expect(imageShapeOfWidth(784)).toEqual([28, 28, 1]);
    expect(imageShapeOfWidth(1024)).toEqual([32, 32, 1]);
    expect(imageShapeOfWidth(3072)).toEqual([32, 32, 3]);
    expect(imageShapeOfWidth(1000)).toBeUndefined();
    expect(summarizeModel(getModel('mlp-1024-64')).params).toBe(1024 * 64 + 64 + 650);
    expect(findModel('mlp')).toBe('"mlp" is not a model name of the form mlp-<input>-<hidden widths...>, e.g. mlp-784-500-250-100');
    expect(findModel('mlp-784')).toBe('"mlp-784" has no hidden layer: use linear-784 for a softmax classifier, or mlp-<input>-<hidden widths...>, e.g. mlp-784-500-250-100');
    expect(findModel('linear-784-10')).toMatch(/^"linear-784-10": a linear model has no hidden layers/);
    expect(findModel('mlp-1000-10')).toBe('"mlp-1000-10": input width 1000 is not the size of an image (s*s for greyscale, 3*s*s for colour)');
    expect(findModel('lenet')).toBe('unknown model "lenet" (did you mean "lenet5"?)');
    expect(parseDenseModel('cifar-cnn')).toBeUndefined();
    expect(listedModels().map((m) => m.name)).toEqual(['lenet5', 'cifar-cnn', 'cifar-cnn-keras', 'mlp-784-500-250-100', 'mlp-3072-512-512-256', 'linear-784', 'linear-3072']);
  });

  describe('built with tf (cpu backend)', () => {
    const registry = Registry.builtIn();
    const plugins = () => ({
      activation: { plugin: registry.get('activation', 'relu') as ActivationPlugin, params: defaultParams(registry.get('activation', 'relu')!.params) },
      initializer: {
        plugin: registry.get('initializer', 'glorot-uniform') as InitializerPlugin,
        params: defaultParams(registry.get('initializer', 'glorot-uniform')!.params),
      },
      layerRegularizers: [] as Array<{ plugin: LayerRegularizerPlugin; params: Record<string, unknown>; placement: Array<'conv' | 'dense'> }>,
    });
    beforeAll(async () => {
      await tf.setBackend('cpu');
    });

    it.each(['lenet5', 'cifar-cnn', 'cifar-cnn-keras', 'mlp-784-500-250-100', 'linear-3072'])('%s: built parameter count equals the summary, logits are batch x 10, nothing leaks', (name) => {
      const spec = getModel(name);
      const before = tf.memory().numTensors;
      const m = buildModel(spec, 10, plugins(), createRng(1, 'init'));
      expect(m.paramCount).toBe(summarizeModel(spec).params);
      const y = tf.tidy(() => m.forward(tf.zeros([2, ...spec.inputShape]) as tf.Tensor4D, { training: false, nextSeed: () => 0 }));
      expect(y.shape).toEqual([2, 10]);
      y.dispose();
      m.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it("LeNet-5's C5, whose 5x5 kernel covers its 5x5 input, is the matrix product: the logits of convolutions everywhere to 1e-5", () => {
      const spec = getModel('lenet5');
      const m = buildModel(spec, 10, plugins(), createRng(3, 'init'));
      const x = tf.randomUniform([4, 32, 32, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
      const byName = (n: string) => m.trainable[m.names.indexOf(n)]!;
      const reference = tf.tidy(() => {
        const conv = (t: tf.Tensor4D, n: string) => tf.relu(tf.conv2d(t, byName(`${n}/kernel`) as tf.Tensor4D, 1, 'valid').add(byName(`${n}/bias`))) as tf.Tensor4D;
        let t = tf.maxPool(conv(x, 'conv1'), 2, 2, 'valid');
        t = tf.maxPool(conv(t, 'conv2'), 2, 2, 'valid');
        const c5 = conv(t, 'conv3').reshape([4, 120]);
        const d = tf.relu(c5.matMul(byName('dense1/kernel') as tf.Tensor2D).add(byName('dense1/bias')));
        return d.matMul(byName('output/kernel') as tf.Tensor2D).add(byName('output/bias'));
      });
      const ours = tf.tidy(() => m.forward(x, { training: false, nextSeed: () => 0 }));
      const worst = tf.tidy(() => ours.sub(reference).abs().max().dataSync()[0]! / reference.abs().max().dataSync()[0]!);
      expect(worst).toBeLessThan(1e-5);
      tf.dispose([x, reference, ours]);
      m.dispose();
    });

    it('dropout placed at the dense sites acts in training, not in evaluation', () => {
      const dropout = registry.get('regularizer', 'dropout') as LayerRegularizerPlugin;
      const p = plugins();
      p.layerRegularizers.push({ plugin: dropout, params: { rate: 0.5 }, placement: ['dense'] });
      const m = buildModel(getModel('mlp-784-500-250-100'), 10, p, createRng(1, 'init'));
      const x = tf.ones([1, 28, 28, 1]) as tf.Tensor4D;
      const evalOut = tf.tidy(() => m.forward(x, { training: false, nextSeed: () => 0 }).dataSync());
      const trainOut = tf.tidy(() => m.forward(x, { training: true, nextSeed: () => 7 }).dataSync());
      expect(Array.from(trainOut)).not.toEqual(Array.from(evalOut));
      x.dispose();
      m.dispose();
    });
  });
});

/** Activations: values and gradients against closed forms, on the cpu backend. */
import type { ActivationPlugin, Params } from '../../core/plugin/contracts';
import { useBackend } from '../../core/backends';
import { defaultParams } from '../../core/plugin/params';
import { Registry } from '../../core/plugin/registry';
import * as tf from '../../core/tf';

const registry = Registry.builtIn();
const X = [-25, -3, -1.5, -0.5, -0.01, 0.02, 0.5, 1, 2.5, 25];

const sig = (x: number) => 1 / (1 + Math.exp(-x));
const erf = (x: number) => {
  // erf by its Maclaurin series (|x| < 3.5 here needs ~60 terms) or its limit.
  if (Math.abs(x) > 5) return Math.sign(x);
  let sum = 0;
  let term = x;
  for (let n = 0; n < 100; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
};
const Phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** [name, params, f, f'] */
const cases: Array<[string, Params, (x: number) => number, (x: number) => number]> = [
  ['relu', {}, (x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0)],
  ['leaky-relu', {}, (x) => (x > 0 ? x : 0.01 * x), (x) => (x > 0 ? 1 : 0.01)],
  ['leaky-relu', { slope: 0.2 }, (x) => (x > 0 ? x : 0.2 * x), (x) => (x > 0 ? 1 : 0.2)],
  ['tanh', {}, Math.tanh, (x) => 1 - Math.tanh(x) ** 2],
  ['sigmoid', {}, sig, (x) => sig(x) * (1 - sig(x))],
  ['softplus', {}, (x) => Math.log1p(Math.exp(x)), sig],
  ['softplus', { beta: 2 }, (x) => Math.log1p(Math.exp(2 * x)) / 2, (x) => sig(2 * x)],
  ['elu', {}, (x) => (x > 0 ? x : Math.expm1(x)), (x) => (x > 0 ? 1 : Math.exp(x))],
  ['elu', { alpha: 0.5 }, (x) => (x > 0 ? x : 0.5 * Math.expm1(x)), (x) => (x > 0 ? 1 : 0.5 * Math.exp(x))],
  ['gelu', {}, (x) => x * Phi(x), (x) => Phi(x) + x * phi(x)],
  [
    'gelu',
    { approximate: 'tanh' },
    (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
    (x) => {
      const k = Math.sqrt(2 / Math.PI);
      const t = Math.tanh(k * (x + 0.044715 * x ** 3));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x);
    },
  ],
  ['silu', {}, (x) => x * sig(x), (x) => sig(x) * (1 + x * (1 - sig(x)))],
];

beforeAll(async () => {
  await useBackend('cpu');
});

describe.each(cases)('%s %j', (name, params, f, df) => {
  const plugin = registry.get('activation', name) as ActivationPlugin;
  const p = { ...defaultParams(plugin.params), ...params };
  // float32 ops: a few ulps, and tfjs' erf approximation (1.5e-7 absolute) for gelu.
  const tol = (v: number) => 2e-6 * Math.max(1, Math.abs(v));

  it('values', () => {
    const y = tf.tidy(() => plugin.apply(tf.tensor1d(X), p).dataSync());
    X.forEach((x, i) => expect(Math.abs(y[i]! - f(x))).toBeLessThanOrEqual(tol(f(x))));
  });
  it('gradients', () => {
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => plugin.apply(x, p))(tf.tensor1d(X)).dataSync());
    X.forEach((x, i) => expect(Math.abs(g[i]! - df(x))).toBeLessThanOrEqual(tol(df(x))));
  });
  it('leaks no tensors inside tidy, as the harness calls it', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      plugin.apply(tf.tensor2d([[1, -2], [3, -4]]), p);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

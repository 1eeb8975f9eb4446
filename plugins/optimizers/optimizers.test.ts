/**
 * The optimizer rules: hand-computed first (and second) steps, torch.optim golden trajectories,
 * equivalences between rules, and a state round trip. Convergence lives in optimizers-convergence.test.ts.
 */
import type { OptimizerPlugin, Params, Slots } from '../../core/plugin/contracts';
import { useBackend } from '../../core/backends';
import { defaultParams, resolveParams } from '../../core/plugin/params';
import { Registry } from '../../core/plugin/registry';
import * as tf from '../../core/tf';
import golden from './torch-trajectories.json';

const registry = Registry.builtIn();
const opt = (name: string): OptimizerPlugin => {
  const p = registry.get('optimizer', name);
  if (!p) throw new Error(`no optimizer ${name}`);
  return p;
};
/** plugin.update inside tidy; returns the new weight and slots. */
const tidyUpdate = (_plugin: OptimizerPlugin, f: () => { weight: tf.Tensor; slots: Slots }) =>
  tf.tidy(() => {
    const r = f();
    return { weight: r.weight, slots: r.slots };
  });
const full = (name: string, params: Params = {}): Params => ({ ...defaultParams(opt(name).params), ...params });

/** Runs `grads.length` steps from `w0` with the given (weight-independent) gradients; returns every weight. */
function steps(name: string, params: Params, w0: number[], grads: number[][], lrs?: number[]): number[][] {
  const plugin = opt(name);
  const p = full(name, params);
  let w: tf.Tensor = tf.tensor1d(w0);
  let slots: Slots = tf.tidy(() => plugin.init(w, p));
  const out: number[][] = [];
  grads.forEach((g, i) => {
    const next = tidyUpdate(plugin, () => plugin.update(tf.tensor1d(g), w, slots, i + 1, lrs?.[i] ?? (p.lr as number), p));
    for (const [k, s] of Object.entries(slots)) if (next.slots[k] !== s) s.dispose();
    w.dispose();
    w = next.weight;
    slots = next.slots;
    out.push(Array.from(w.dataSync()));
  });
  w.dispose();
  tf.dispose(Object.values(slots));
  return out;
}

const expectClose = (actual: number[], expected: number[], rel = 1e-6) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected[i]!))));
};

beforeAll(async () => {
  await useBackend('cpu');
});

const W = [1, -2];
const G = [0.5, -0.25];

describe('hand-computed steps from w = [1, -2] with g = [0.5, -0.25]', () => {
  const cases: Array<[string, Params, number[][], number[][]]> = [
    // w - lr g
    ['sgd', { lr: 0.1 }, [G], [[0.95, -1.975]]],
    // g + wd w = [0.6, -0.45]
    ['sgd', { lr: 0.1, weightDecay: 0.1 }, [G], [[0.94, -1.955]]],
    // b1 = g; b2 = 0.9 g + g = 1.9 g
    ['momentum', { lr: 0.1, momentum: 0.9 }, [G, G], [[0.95, -1.975], [0.855, -1.9275]]],
    // dampening 0.5: b1 = g (torch: the first buffer is not dampened); b2 = 0.9 g + 0.5 g = 1.4 g
    ['momentum', { lr: 0.1, momentum: 0.9, dampening: 0.5 }, [G, G], [[0.95, -1.975], [0.88, -1.94]]],
    // d1 = g + 0.9 g = 1.9 g; b2 = 1.9 g, d2 = g + 0.9 * 1.9 g = 2.71 g
    ['nag', { lr: 0.1, momentum: 0.9 }, [G, G], [[0.905, -1.9525], [0.7695, -1.88475]]],
    // s = g^2: w - lr sign(g) (eps 1e-10 is below float32 resolution here)
    ['adagrad', { lr: 0.1 }, [G], [[0.9, -1.9]]],
    // s = 0.1 + g^2
    ['adagrad', { lr: 0.1, initialAccumulatorValue: 0.1 }, [G], [[1 - (0.1 * 0.5) / Math.sqrt(0.35), -2 + (0.1 * 0.25) / Math.sqrt(0.1625)]]],
    // lrDecay: second step's rate 0.1 / (1 + 1 * 1) = 0.05; s2 = 2 g^2: step g / (sqrt 2 |g|)
    ['adagrad', { lr: 0.1, lrDecay: 1 }, [G, G], [[0.9, -1.9], [0.9 - 0.05 / Math.SQRT2, -1.9 + 0.05 / Math.SQRT2]]],
    // v = 0.1 g^2, d = sqrt(eps) / sqrt(v + eps) g
    ['adadelta', { lr: 1 }, [G], [[1 - (1e-3 / Math.sqrt(0.025 + 1e-6)) * 0.5, -2 + (1e-3 / Math.sqrt(0.00625 + 1e-6)) * 0.25]]],
    // v = 0.01 g^2: step g / (0.1 |g|) = 10 sign(g)
    ['rmsprop', { lr: 0.01 }, [G], [[0.9, -1.9]]],
    // centred: v - c^2 = 0.01 g^2 - 0.0001 g^2 = 0.0099 g^2
    ['rmsprop', { lr: 0.01, centered: true }, [G], [[1 - 0.01 / Math.sqrt(0.0099), -2 + 0.01 / Math.sqrt(0.0099)]]],
    // m-hat = g, v-hat = g^2: w - lr sign(g)
    ['adam', { lr: 0.1 }, [G], [[0.9, -1.9]]],
    // at the first step vmax = v1, so AMSGrad equals Adam
    ['adam', { lr: 0.1, amsgrad: true }, [G], [[0.9, -1.9]]],
    // decoupled decay: w - lr wd w - lr sign(g)
    ['adamw', { lr: 0.1, weightDecay: 0.01 }, [G], [[0.899, -1.898]]],
    // m = 0.1 g, r = |g| (+ eps): step m / (0.1 r) = sign(g)
    ['adamax', { lr: 0.1 }, [G], [[0.9, -1.9]]],
    // c = 0.1 g: sign(c) = sign(g); decay 0.5: w - lr (sign(g) + 0.5 w)
    ['lion', { lr: 0.1, weightDecay: 0.5 }, [G], [[0.85, -1.8]]],
  ];
  it.each(cases)('%s %j', (name, params, grads, expected) => {
    const ws = steps(name, params, W, grads);
    expected.forEach((e, i) => expectClose(ws[i]!, e));
  });

  it('nadam: (1 - mu1) / (1 - mu1) g / |g| + mu2 / (1 - mu1 mu2) m / |g|', () => {
    const mu = (t: number) => 0.9 * (1 - 0.5 * 0.96 ** (t * 0.004));
    const k = 1 + (0.1 * mu(2)) / (1 - mu(1) * mu(2)); // m1 = 0.1 g, d1 = |g|
    expectClose(steps('nadam', { lr: 0.1 }, W, [G])[0]!, [1 - 0.1 * k, -2 + 0.1 * k]);
  });

  it('AMSGrad keeps the largest second moment when gradients shrink', () => {
    const g2 = [0.05, -0.025];
    const [, adam2] = steps('adam', { lr: 0.1, betas: [0, 0.5] }, W, [G, g2]);
    const [, ams2] = steps('adam', { lr: 0.1, betas: [0, 0.5], amsgrad: true }, W, [G, g2]);
    // beta1 0: m = g2. v1 = 0.5 g^2, v2 = 0.25 g^2 + 0.5 g2^2 = 0.255 g^2; vmax = v1. Bias correction 1 - 0.25.
    const step = (v: number) => (0.1 * 0.05) / (Math.sqrt(v) / Math.sqrt(0.75) + 1e-8);
    expectClose(adam2!, [0.9 - step(0.255 * 0.25), -1.9 + step(0.255 * 0.25)], 1e-5);
    expectClose(ams2!, [0.9 - step(0.5 * 0.25), -1.9 + step(0.5 * 0.25)], 1e-5);
  });
});

describe('torch.optim golden trajectories (60 steps, torch float64; bench computes in float32)', () => {
  // Produced by `python tools/torch_trajectory.py golden` (see its doc comment); the file names the torch version.
  // plugins/conformance.test.ts compares every optimizer with its cases (core/train/conformance/reference.ts).
  it('the golden file covers every discovered optimizer', () => {
    const covered = new Set(golden.cases.map((c) => c.optimizer));
    expect(registry.list('optimizer').map((p) => p.name).filter((n) => !covered.has(n))).toEqual([]);
  });
});

describe('equivalences', () => {
  const grads = [[0.3, -1.2], [0.5, 0.1], [-0.7, 0.4], [0.2, 0.9], [1.5, -0.3]];
  const w0 = [0.4, -0.8];

  it('momentum with momentum 0 is sgd', () => {
    expect(steps('momentum', { lr: 0.05, momentum: 0 }, w0, grads)).toEqual(steps('sgd', { lr: 0.05 }, w0, grads));
  });
  it('momentum is sgd with the same momentum and dampening', () => {
    expect(steps('momentum', { lr: 0.05, momentum: 0.8, dampening: 0.3 }, w0, grads)).toEqual(
      steps('sgd', { lr: 0.05, momentum: 0.8, dampening: 0.3 }, w0, grads),
    );
  });
  it('nag is sgd with nesterov and the same momentum', () => {
    expect(steps('nag', { lr: 0.05, momentum: 0.7 }, w0, grads)).toEqual(steps('sgd', { lr: 0.05, momentum: 0.7, nesterov: true }, w0, grads));
  });
  it('adamw with weightDecay 0 is adam', () => {
    expect(steps('adamw', { lr: 0.05, weightDecay: 0, amsgrad: true }, w0, grads)).toEqual(steps('adam', { lr: 0.05, amsgrad: true }, w0, grads));
  });
  it('adam with coupled weightDecay is adam on g + weightDecay * w (checked through the first step)', () => {
    const [a] = steps('adam', { lr: 0.05, weightDecay: 0.5 }, w0, grads.slice(0, 1));
    const [b] = steps('adam', { lr: 0.05 }, w0, [[0.3 + 0.5 * 0.4, -1.2 + 0.5 * -0.8]]);
    expectClose(a!, b!);
  });
  it('adam with beta1 = 0 and eps = 0 steps sqrt(1 - beta2^t) times as far as rmsprop with alpha = beta2, eps = 0', () => {
    const adam = steps('adam', { lr: 0.05, betas: [0, 0.9], eps: 0 }, w0, grads);
    const rms = steps('rmsprop', { lr: 0.05, alpha: 0.9, eps: 0 }, w0, grads);
    let [pa, pr] = [w0, w0];
    adam.forEach((wa, i) => {
      const wr = rms[i]!;
      const k = Math.sqrt(1 - 0.9 ** (i + 1));
      expectClose([wa[0]! - pa[0]!, wa[1]! - pa[1]!], [k * (wr[0]! - pr[0]!), k * (wr[1]! - pr[1]!)], 1e-5);
      [pa, pr] = [wa, wr];
    });
  });
  it('nadam with momentumDecay 0 uses a constant mu = beta1 / 2', () => {
    // mu = 0.45 every step; P_t = 0.45^t. First step: (1 - 0.45) / (1 - 0.45) + 0.45 / (1 - 0.45^2) * (1 - beta1) = ...
    const [w1] = steps('nadam', { lr: 0.1, momentumDecay: 0, eps: 0 }, [0, 0], [[2, -2]]);
    const k = 1 + ((0.45 / (1 - 0.45 * 0.45)) * 0.1 * 2) / 2;
    expectClose(w1!, [-0.1 * k, 0.1 * k]);
  });
  it('lion with betas [0, 0] is signSGD', () => {
    const ws = steps('lion', { lr: 0.01, betas: [0, 0] }, w0, grads);
    let w = w0;
    ws.forEach((wi, i) => {
      w = w.map((v, j) => v - 0.01 * Math.sign(grads[i]![j]!));
      expectClose(wi, w);
    });
  });
  it('the lr argument, not params.lr, sets the step (schedules rely on it)', () => {
    expect(steps('sgd', { lr: 123 }, w0, grads.slice(0, 1), [0.1])[0]).toEqual(steps('sgd', { lr: 0.1 }, w0, grads.slice(0, 1))[0]);
  });
});

describe('every optimizer', () => {
  // Variants that use every slot an optimizer has.
  const variants: Array<[string, Params]> = [
    ['sgd', { lr: 0.05, momentum: 0.9, dampening: 0.1, nesterov: false, weightDecay: 0.01 }],
    ['momentum', { lr: 0.05 }],
    ['nag', { lr: 0.05 }],
    ['adagrad', { lr: 0.1, lrDecay: 0.1, initialAccumulatorValue: 0.2 }],
    ['adadelta', { weightDecay: 0.1 }],
    ['rmsprop', { momentum: 0.5, centered: true }],
    ['adam', { lr: 0.05, amsgrad: true, weightDecay: 0.01 }],
    ['adamw', { lr: 0.05, amsgrad: true }],
    ['adamax', { lr: 0.05 }],
    ['nadam', { lr: 0.05, weightDecay: 0.1, decoupledWeightDecay: true }],
    ['lion', { lr: 0.01, weightDecay: 0.1 }],
  ];
  const grads = [[0.3, -1.2], [0.5, 0.1], [-0.7, 0.4], [0.2, 0.9], [1.5, -0.3], [-0.1, -0.2]];

  it('has a variant here', () => {
    const have = new Set(variants.map(([n]) => n));
    expect(registry.list('optimizer').map((p) => p.name).filter((n) => !have.has(n))).toEqual([]);
  });

  it.each(variants)('%s: state survives a round trip through JSON (3 + 3 steps equal 6)', (name, params) => {
    const plugin = opt(name);
    const p = full(name, params);
    const run = (roundTripAt: number) => {
      let w: tf.Tensor = tf.tensor1d([0.4, -0.8]);
      let slots: Slots = tf.tidy(() => plugin.init(w, p));
      grads.forEach((g, i) => {
        if (i === roundTripAt) {
          const saved = JSON.stringify({ w: Array.from(w.dataSync()), slots: Object.fromEntries(Object.entries(slots).map(([k, s]) => [k, { shape: s.shape, values: Array.from(s.dataSync()) }])) });
          tf.dispose([w, ...Object.values(slots)]);
          const back = JSON.parse(saved) as { w: number[]; slots: Record<string, { shape: number[]; values: number[] }> };
          w = tf.tensor1d(back.w);
          slots = Object.fromEntries(Object.entries(back.slots).map(([k, s]) => [k, tf.tensor(s.values, s.shape)]));
        }
        const next = tidyUpdate(plugin, () => plugin.update(tf.tensor1d(g), w, slots, i + 1, p.lr as number, p));
        for (const [k, s] of Object.entries(slots)) if (next.slots[k] !== s) s.dispose();
        w.dispose();
        ({ weight: w, slots } = next);
      });
      const out = Array.from(w.dataSync());
      tf.dispose([w, ...Object.values(slots)]);
      return out;
    };
    expect(run(3)).toEqual(run(-1));
  });

  it.each(variants)('%s: hyper-parameters survive a round trip through JSON', (name, params) => {
    const p = full(name, params);
    expect(full(name, JSON.parse(JSON.stringify(p)) as Params)).toEqual(p);
  });

  it.each(variants)('%s: init and 6 updates leak no tensors and keep slot names and shapes', (name, params) => {
    const before = tf.memory().numTensors;
    const plugin = opt(name);
    const p = full(name, params);
    const w = tf.tensor2d([[0.4, -0.8], [0.1, 0.2]]);
    let slots = tf.tidy(() => plugin.init(w, p));
    const names = Object.keys(slots).sort();
    for (let t = 1; t <= 6; t++) {
      const next = tidyUpdate(plugin, () => plugin.update(tf.onesLike(w).mul(t % 2 ? 0.3 : -0.2), w, slots, t, p.lr as number, p));
      for (const [k, s] of Object.entries(slots)) if (next.slots[k] !== s) s.dispose();
      next.weight.dispose();
      slots = next.slots;
      expect(Object.keys(slots).sort()).toEqual(names);
      for (const s of Object.values(slots)) expect(s.shape).toEqual([2, 2]);
    }
    tf.dispose([w, ...Object.values(slots)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("sgd's Nesterov settings, as torch.optim.SGD checks them", () => {
  const rule = 'Nesterov momentum requires a momentum and zero dampening';
  const issues = (given: Params) => resolveParams(opt('sgd').params, given, '$.p').issues;

  it('rejects nesterov with momentum 0 (given or default) or with dampening > 0, at the parameters path', () => {
    expect(issues({ nesterov: true })).toEqual([{ path: '$.p', message: rule }]);
    expect(issues({ nesterov: true, momentum: 0 })).toEqual([{ path: '$.p', message: rule }]);
    expect(issues({ nesterov: true, momentum: 0.9, dampening: 0.1 })).toEqual([{ path: '$.p', message: rule }]);
  });

  it('accepts nesterov with momentum > 0 and no dampening, and momentum 0 or dampening without nesterov', () => {
    expect(issues({ nesterov: true, momentum: 0.9 })).toEqual([]);
    expect(issues({ nesterov: true, momentum: 0.9, dampening: 0 })).toEqual([]);
    expect(issues({ momentum: 0 })).toEqual([]);
    expect(issues({ nesterov: false, momentum: 0.9, dampening: 0.5 })).toEqual([]);
  });

  it('reports the rule beside the other problems, and a bad momentum once', () => {
    expect(issues({ nesterov: true, momentum: -1, lr: 0 })).toEqual([
      { path: '$.p', message: rule },
      { path: '$.p.lr', message: 'must be > 0' },
      { path: '$.p.momentum', message: 'must be >= 0' },
    ]);
  });
});

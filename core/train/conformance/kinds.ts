/**
 * The conformance checks of initializers, activations and regularizers, with their default
 * hyper-parameters: the shapes they return, finite values (and gradients), draws reproducible from the
 * seed, and no tensor leaked. Optimizers are checked in ./optimizer.ts.
 */
import type { ActivationPlugin, ForwardContext, InitializerPlugin, LayerRegularizerPlugin, PenaltyRegularizerPlugin, Plugin, RegularizerPlugin } from '../../plugin/contracts';
import { defaultParams } from '../../plugin/params';
import * as tf from '../../tf';
import type { Check, Outcome } from './types';

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
const allFinite = (t: tf.Tensor) => Array.from(t.dataSync()).every(Number.isFinite);

/** Runs `f` and reports tensors it left behind; its own outcome otherwise. */
function noLeak(f: () => Outcome, allowed = 0): Outcome {
  const before = tf.memory().numTensors;
  const o = f();
  const left = tf.memory().numTensors - before - allowed;
  return left !== 0 ? { failed: `${left} tensors leaked` } : o;
}

function initializerChecks(i: InitializerPlugin): Check[] {
  const p = defaultParams(i.params);
  const ctx = { shape: [3, 3, 2, 4], fanIn: 18, fanOut: 36, seed: 123 };
  return [
    {
      check: 'fills the shape with finite float32, no leak',
      run: () =>
        noLeak(() =>
          tf.tidy(() => {
            const a = i.init(ctx, p);
            if (!sameShape(a.shape, ctx.shape) || a.dtype !== 'float32') return { failed: `returned ${a.dtype} of shape [${a.shape}] for float32 [${ctx.shape}]` };
            if (!allFinite(a)) return { failed: 'returned values that are not finite' };
            return undefined;
          }),
        ),
    },
    {
      check: 'deterministic from the seed',
      run: () =>
        tf.tidy(() => {
          const [a, b] = [i.init(ctx, p), i.init(ctx, p)];
          const d = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
          return d !== 0 ? { failed: `two draws with seed ${ctx.seed} differ by up to ${d}` } : undefined;
        }),
    },
  ];
}

function activationChecks(a: ActivationPlugin): Check[] {
  const p = defaultParams(a.params);
  return [
    {
      check: 'keeps the shape, finite values and gradients, no leak',
      run: () =>
        noLeak(() =>
          tf.tidy(() => {
            const x = tf.tensor4d(Array.from({ length: 16 }, (_, k) => (k - 8) * 1.7), [2, 2, 2, 2]);
            const y = a.apply(x, p);
            if (!sameShape(y.shape, x.shape)) return { failed: `returned shape [${y.shape}] for [${x.shape}]` };
            if (!allFinite(y)) return { failed: 'values that are not finite on [-13.6, 11.9]' };
            if (!allFinite(tf.grad((v: tf.Tensor) => a.apply(v, p))(x))) return { failed: 'gradients that are not finite on [-13.6, 11.9]' };
            return undefined;
          }),
        ),
    },
  ];
}

const TRAIN: ForwardContext = { training: true, nextSeed: () => 99 };
const EVAL: ForwardContext = { training: false, nextSeed: () => 99 };

function layerChecks(l: LayerRegularizerPlugin): Check[] {
  const sites = [['dense', [6]], ['conv', [4, 4, 3]]] as const;
  return sites.map(([placement, shape]) => ({
    check: `as a layer at a ${placement} site: shape kept, only its variables allocated`,
    run(): Outcome {
      const before = tf.memory().numTensors;
      const layer = l.createLayer({ placement, shape: [...shape], name: `conformance/${l.name}/${placement}/${before}` }, defaultParams(l.params));
      const own = layer.trainable.length + layer.state.length;
      try {
        if (tf.memory().numTensors !== before + own) return { failed: `allocated ${tf.memory().numTensors - before} tensors for ${own} variables` };
        return noLeak(() =>
          tf.tidy(() => {
            const x = tf.randomNormal([5, ...shape], 0, 1, 'float32', 3);
            for (const ctx of [TRAIN, EVAL]) {
              const y = layer.apply(x, ctx);
              const mode = ctx.training ? 'training' : 'evaluation';
              if (!sameShape(y.shape, x.shape)) return { failed: `in ${mode} returned shape [${y.shape}] for [${x.shape}]` };
              if (!allFinite(y)) return { failed: `in ${mode} returned values that are not finite` };
            }
            return undefined;
          }),
        );
      } finally {
        tf.dispose([...layer.trainable, ...layer.state]);
      }
    },
  }));
}

function penaltyChecks(pen: PenaltyRegularizerPlugin): Check[] {
  return [
    {
      check: 'a non-negative scalar, 0 at zero weights, no leak',
      run: () =>
        noLeak(() =>
          tf.tidy(() => {
            const p = defaultParams(pen.params);
            const v = pen.penalty({ kernels: [tf.tensor2d([[1, -2], [3, 0]])], biases: [tf.tensor1d([5])] }, p);
            if (v.shape.length !== 0) return { failed: `returned shape [${v.shape}], not a scalar` };
            const value = v.dataSync()[0]!;
            if (!(value > 0)) return { failed: `returned ${value} for non-zero weights` };
            const zero = pen.penalty({ kernels: [tf.zeros([2, 2])], biases: [] }, p).dataSync()[0];
            return zero !== 0 ? { failed: `returned ${zero} for zero weights` } : undefined;
          }),
        ),
    },
  ];
}

/** The checks of a plugin that is not an optimizer. */
export function kindChecks(plugin: Exclude<Plugin, { kind: 'optimizer' }>): Check[] {
  if (plugin.kind === 'initializer') return initializerChecks(plugin);
  if (plugin.kind === 'activation') return activationChecks(plugin);
  const r = plugin as RegularizerPlugin;
  return r.role === 'layer' ? layerChecks(r) : penaltyChecks(r);
}

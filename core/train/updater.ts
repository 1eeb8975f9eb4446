/**
 * Applies an optimizer plugin's update to a model's trainable weights, and owns the optimizer's slots.
 *
 * Elementwise optimizers (OptimizerPlugin.elementwise: SGD through Lion) are fused: all weights are
 * updated at once as one flat vector. Each step the gradients are flattened and concatenated (a
 * Reshape per weight of rank > 1, one ConcatV2), the plugin's `update` runs once on the whole vector,
 * and the new vector is split back (one Split, a Reshape per weight of rank > 1) into the variables.
 * The values are those of a per-weight update, element for element (the same float32 operations in
 * the same order on each element; concatenation and splitting copy bits), but the op count is not: for
 * Adam on LeNet-5's 10 weights, 14 ops + 12 to flatten and split instead of 10 x 14. On the tensorflow
 * backend, where every op costs ~20-30 us outside its kernel, that is most of the optimizer's time.
 *
 * Other optimizers get one `update` call per weight tensor. A weight without a gradient in a step is
 * left alone, as torch.optim skips parameters whose grad is None; the mode is chosen on the first step:
 * fused only if that step has a gradient for every weight.
 */
import type { OptimizerPlugin, Params, Slots } from '../plugin/contracts';
import * as tf from '../tf';

export interface Updater {
  /** Updates the variables from `grads` (by variable name); call inside tf.tidy. */
  step(grads: tf.NamedTensorMap, t: number, lr: number): void;
  /** Whether the weights are updated as one flat vector (known after the first step). */
  readonly fused: boolean | undefined;
  /** Disposes the slots and the flat weight. */
  dispose(): void;
}

/** An updater for `vars` with `optimizer` and its validated `params`. */
export function createUpdater(optimizer: OptimizerPlugin, params: Params, vars: tf.Variable[]): Updater {
  let impl: Updater | undefined;
  return {
    step(grads, t, lr) {
      if (!impl) {
        const all = vars.every((v) => grads[v.name] !== undefined);
        impl = optimizer.elementwise === true && all && vars.length > 0 ? fusedUpdater(optimizer, params, vars) : perWeightUpdater(optimizer, params, vars);
      }
      impl.step(grads, t, lr);
    },
    get fused() {
      return impl?.fused;
    },
    dispose() {
      impl?.dispose();
    },
  };
}

/** Keeps the tensors of `next`, disposes those of `old` that `next` does not hold. */
function replaceSlots(old: Slots, next: Slots): Slots {
  for (const s of Object.values(next)) tf.keep(s);
  const kept = new Set(Object.values(next));
  for (const s of Object.values(old)) if (!kept.has(s)) s.dispose();
  return next;
}

function initSlots(optimizer: OptimizerPlugin, params: Params, weight: tf.Tensor): Slots {
  const slots = optimizer.init(weight, params);
  for (const s of Object.values(slots)) tf.keep(s);
  return slots;
}

function perWeightUpdater(optimizer: OptimizerPlugin, params: Params, vars: tf.Variable[]): Updater {
  const slots = vars.map((w) => initSlots(optimizer, params, w));
  return {
    fused: false,
    step(grads, t, lr) {
      vars.forEach((w, i) => {
        const g = grads[w.name];
        if (!g) return;
        const r = optimizer.update(g, w, slots[i]!, t, lr, params);
        w.assign(r.weight);
        slots[i] = replaceSlots(slots[i]!, r.slots);
      });
    },
    dispose() {
      for (const s of slots) tf.dispose(Object.values(s));
    },
  };
}

/** A tensor as a vector: itself when it already is one (no op), else one Reshape. */
const flat = (x: tf.Tensor): tf.Tensor1D => (x.rank === 1 ? (x as tf.Tensor1D) : x.reshape([-1]));

function fusedUpdater(optimizer: OptimizerPlugin, params: Params, vars: tf.Variable[]): Updater {
  const sizes = vars.map((v) => v.size);
  const concat = (parts: tf.Tensor[]) => (parts.length === 1 ? flat(parts[0]!) : tf.concat(parts.map(flat)));
  // A copy even for a single vector weight: this tensor is disposed when the next one replaces it.
  let weight = tf.keep(tf.tidy(() => concat(vars).clone()));
  let slots = initSlots(optimizer, params, weight);
  return {
    fused: true,
    step(grads, t, lr) {
      const g = concat(
        vars.map((v) => {
          const gi = grads[v.name];
          if (!gi) throw new Error(`weight "${v.name}" got no gradient in step ${t}, but had one in step 1`);
          return gi;
        }),
      );
      const r = optimizer.update(g, weight, slots, t, lr, params);
      const pieces = vars.length === 1 ? [r.weight] : tf.split(r.weight, sizes);
      vars.forEach((v, i) => v.assign(v.rank === 1 ? pieces[i]! : pieces[i]!.reshape(v.shape)));
      slots = replaceSlots(slots, r.slots);
      if (r.weight !== weight) {
        weight.dispose();
        weight = tf.keep(r.weight as tf.Tensor1D);
      }
    },
    dispose() {
      tf.dispose([weight, ...Object.values(slots)]);
    },
  };
}

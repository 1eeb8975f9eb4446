/**
 * The plugin contracts: what an optimizer, regularizer, initializer or activation module exports.
 *
 * A plugin is one file in `plugins/<kind>s/` whose default export (or `plugin` export) satisfies one of
 * the interfaces below. It declares its hyper-parameters as a JSON Schema with defaults; the harness
 * validates what a suite passes (ajv, defaults filled in) before any training starts, and hands the
 * plugin a complete, typed parameter object.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { Rng } from '../util/rng';

type Tensor = tfc.Tensor;

/** The four kinds of plugin, as suites and folders name them. */
export const PLUGIN_KINDS = ['optimizer', 'regularizer', 'initializer', 'activation'] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];

/** A JSON Schema (draft 2020-12 subset that ajv understands) for a plugin's hyper-parameters. */
export interface ParamsSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties?: boolean;
  /**
   * A rule between parameters, as JSON Schema's if/then: when `if` matches, `then` must. Give `then` a
   * `description`: it is the message reported (at the parameters' path) when the rule is broken.
   */
  if?: Record<string, unknown>;
  then?: Record<string, unknown> & { description?: string };
}

/** Hyper-parameter values after validation: every property of the schema has its value or default. */
export type Params = Record<string, unknown>;

/** What every plugin declares. */
export interface PluginBase<K extends PluginKind, P extends Params = Params> {
  /** kebab-case name, as suites write it (`adam`, `glorot-uniform`). */
  readonly name: string;
  readonly kind: K;
  /** One line for `bench list`. */
  readonly summary: string;
  /** Hyper-parameters with their defaults. */
  readonly params: ParamsSchema;
  /** Marker for the parameter type; never read at run time (test/schema-types.test.ts checks it against `params`). */
  readonly __params?: P;
}

/** The per-weight state of an optimizer: named slots (`m`, `v`), each a tensor of the weight's shape or a scalar. */
export type Slots = Record<string, Tensor>;

/**
 * An optimizer is a pair of pure functions over one weight, in the style of optax:
 * `init(w) -> slots` and `update(g, w, slots, t) -> (w', slots')`. The harness calls them inside
 * `tf.tidy`, keeps the returned tensors and disposes the old ones; a plugin never assigns variables.
 */
export interface OptimizerPlugin<P extends Params = Params> extends PluginBase<'optimizer', P> {
  /**
   * True when the update of every element depends only on that element of the gradient, weight and
   * slots (SGD through Lion; not LARS or LAMB, whose steps use per-tensor norms). The harness then
   * updates all trainable weights at once, concatenated into one flat vector: the same values with a
   * tenth of the ops (core/train/updater.ts). Absent or false: `update` is called once per weight tensor.
   */
  readonly elementwise?: boolean;
  init(weight: Tensor, params: P): Slots;
  /**
   * One step. `t` counts steps from 1. `lr` is the learning rate for this step (the `lr` parameter
   * times the schedule's factor); read it instead of `params.lr`.
   */
  update(grad: Tensor, weight: Tensor, slots: Slots, t: number, lr: number, params: P): OptimizerStep;
}

export interface OptimizerStep {
  weight: Tensor;
  slots: Slots;
}

/** Where a model offers a place for a layer regularizer. */
export type Placement = 'conv' | 'dense';

/** What a forward pass knows: training or evaluation, and the trial's generator for masks. */
export interface ForwardContext {
  training: boolean;
  /** Draws a 32-bit seed from the trial's generator: pass it to tf.random* so every draw is reproducible. */
  nextSeed(): number;
}

/** A layer placed into a model by a regularizer plugin (BatchNorm, Dropout). */
export interface RegularizerLayer {
  /** Trainable weights (BatchNorm's gamma and beta). */
  readonly trainable: tfc.Variable[];
  /** Non-trainable state (BatchNorm's running mean and variance). */
  readonly state: tfc.Variable[];
  apply(x: Tensor, ctx: ForwardContext): Tensor;
}

/** What a model tells a layer regularizer about the point where it is placed. */
export interface LayerSite {
  placement: Placement;
  /** Shape of the activations at this point, without the batch dimension (NHWC for conv). */
  shape: number[];
  /** Prefix for variable names, e.g. `conv1/bn`. */
  name: string;
}

type RegularizerCommon<P extends Params> = PluginBase<'regularizer', P>;

/** A regularizer that inserts a layer at the points a model declares (after conv or dense layers). */
export interface LayerRegularizerPlugin<P extends Params = Params> extends RegularizerCommon<P> {
  readonly role: 'layer';
  /** Where it goes unless the suite says otherwise. */
  readonly defaultPlacement: Placement[];
  /** Before the layer's activation (BatchNorm) or after it (Dropout). */
  readonly position: 'pre-activation' | 'post-activation';
  createLayer(site: LayerSite, params: P): RegularizerLayer;
}

/** A regularizer that adds a penalty to the training loss (L2, L1). */
export interface PenaltyRegularizerPlugin<P extends Params = Params> extends RegularizerCommon<P> {
  readonly role: 'penalty';
  /** The penalty over the model's weights; `kernels` are weights other than biases and normalisation scales. */
  penalty(weights: { kernels: Tensor[]; biases: Tensor[] }, params: P): tfc.Scalar;
}

export type RegularizerPlugin<P extends Params = Params> = LayerRegularizerPlugin<P> | PenaltyRegularizerPlugin<P>;

/** Everything an initializer may use to fill a weight. */
export interface InitContext {
  shape: number[];
  fanIn: number;
  fanOut: number;
  /** Seed drawn from the trial's generator for this weight. */
  seed: number;
}

export interface InitializerPlugin<P extends Params = Params> extends PluginBase<'initializer', P> {
  init(ctx: InitContext, params: P): Tensor;
}

export interface ActivationPlugin<P extends Params = Params> extends PluginBase<'activation', P> {
  apply(x: Tensor, params: P): Tensor;
}

export type Plugin = OptimizerPlugin | RegularizerPlugin | InitializerPlugin | ActivationPlugin;

export interface PluginOfKind {
  optimizer: OptimizerPlugin;
  regularizer: RegularizerPlugin;
  initializer: InitializerPlugin;
  activation: ActivationPlugin;
}

/** A plugin with validated parameters, as a trial uses it. */
export interface Configured<K extends PluginKind> {
  plugin: PluginOfKind[K];
  params: Params;
}

export type { Rng };

/**
 * The plugin kit: what `require('<package>/plugin')` gives a plugin written in another repository. The
 * contracts a plugin satisfies, the optax-style transforms the shipped optimizers are built from, the
 * hyper-parameter schema pieces (`hyper.lr(0.01)`), the validation helpers, and `tf`, the one
 * TensorFlow.js the harness trains with. A plugin that imports tf from here (never its own copy of
 * @tensorflow/*) creates its tensors in the harness's engine; bench's loader (core/plugin/loader.ts)
 * maps this module's name to the running bench's copy, so this holds even where the plugin's folder
 * has a bench of its own in node_modules.
 *
 * Nothing about training, suites or results: the kit is what a plugin may know.
 */
export * as tf from '../tf';
export type * from './contracts';
export { PLUGIN_KINDS } from './contracts';
export { defaultParams, resolveParams, type ParamIssue } from './params';
export * as hyper from './optim/hyper';
export * from './optim/transforms';

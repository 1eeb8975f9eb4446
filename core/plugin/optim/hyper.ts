/**
 * JSON Schema pieces for the hyper-parameters the optimizers share, so that every optimizer names and
 * describes `lr`, `betas`, `eps`, `weightDecay` ... the same way (torch.optim's names in camelCase).
 * Part of the plugin kit (`<package>/plugin` exports it as `hyper`); plain objects, no tf, no ajv.
 */
type Prop = Record<string, unknown>;

/** Learning rate, > 0. */
export const lr = (dflt: number): Prop => ({ type: 'number', exclusiveMinimum: 0, default: dflt, description: 'learning rate' });

/** [beta1, beta2], each in [0, 1). */
export const betas = (dflt: [number, number], description = 'decay rates of the first and second moment estimates'): Prop => ({
  type: 'array',
  items: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
  minItems: 2,
  maxItems: 2,
  default: dflt,
  description,
});

/** Term added to a denominator for numerical stability. */
export const eps = (dflt: number, description = 'added to the denominator'): Prop => ({ type: 'number', minimum: 0, default: dflt, description });

/** Coupled (L2 in the gradient, torch's `weight_decay`) or decoupled (AdamW) weight decay. */
export const weightDecay = (dflt = 0, decoupled = false): Prop => ({
  type: 'number',
  minimum: 0,
  default: dflt,
  description: decoupled ? 'decoupled weight decay: w <- w - lr * weightDecay * w' : 'coupled L2 penalty added to the gradient: g + weightDecay * w',
});

/** A factor in [0, 1] (momentum, dampening). */
export const fraction = (dflt: number, description: string, exclusiveMax = false): Prop => ({
  type: 'number',
  minimum: 0,
  ...(exclusiveMax ? { exclusiveMaximum: 1 } : { maximum: 1 }),
  default: dflt,
  description,
});

/** A boolean switch. */
export const flag = (dflt: boolean, description: string): Prop => ({ type: 'boolean', default: dflt, description });

/**
 * Fully connected models named by their layer widths, as the seeds write them:
 * - `mlp-<input>-<hidden 1>-...-<hidden k>`: flatten, then k dense layers (each followed by the
 *   activation, each a dropout site), then dense to the classes. Seed 004: `mlp-784-500-250-100`
 *   (MNIST); seed 001: `mlp-3072-512-512-256` (CIFAR-10).
 * - `linear-<input>`: flatten, then one dense layer to the classes: a softmax classifier (softmax
 *   regression; seed 002 on CIFAR-10 is `linear-3072`).
 * The input width fixes the image shape the model takes: a square number s^2 is s x s x 1, three
 * times a square is s x s x 3 (784 = 28x28x1, 1024 = 32x32x1, 3072 = 32x32x3); smaller images are
 * zero-padded to it as for LeNet-5. Any widths parse; `PRESETS` are the ones the seeds use.
 */
import type { ModelSpec } from './spec';

/** The image shape whose flattened size is `n`, or undefined. */
export function imageShapeOfWidth(n: number): [number, number, number] | undefined {
  const side = (m: number) => {
    const s = Math.round(Math.sqrt(m));
    return s * s === m ? s : undefined;
  };
  const grey = side(n);
  if (grey) return [grey, grey, 1];
  const colour = n % 3 === 0 ? side(n / 3) : undefined;
  return colour ? [colour, colour, 3] : undefined;
}

/** The spec named `name` if it is an `mlp-...` or `linear-...` name; a string says what is wrong with it. */
export function parseDenseModel(name: string): ModelSpec | string | undefined {
  const m = /^(mlp|linear)(?:-(.*))?$/.exec(name);
  if (!m) return undefined;
  const family = m[1] as 'mlp' | 'linear';
  const usage =
    family === 'mlp'
      ? 'mlp-<input>-<hidden widths...>, e.g. mlp-784-500-250-100'
      : 'linear-<input>, e.g. linear-784 or linear-3072';
  const widths = (m[2] ?? '').split('-').filter((s) => s !== '');
  if (widths.length === 0 || !widths.every((w) => /^[1-9]\d*$/.test(w))) return `"${name}" is not a model name of the form ${usage}`;
  const [input, ...hidden] = widths.map(Number) as [number, ...number[]];
  if (family === 'mlp' && hidden.length === 0) return `"${name}" has no hidden layer: use linear-${input} for a softmax classifier, or ${usage}`;
  if (family === 'linear' && hidden.length > 0) return `"${name}": a linear model has no hidden layers; use ${usage}`;
  const inputShape = imageShapeOfWidth(input);
  if (!inputShape) return `"${name}": input width ${input} is not the size of an image (s*s for greyscale, 3*s*s for colour)`;
  const shape = inputShape.join('x');
  return {
    name,
    summary:
      family === 'mlp'
        ? `MLP ${[input, ...hidden, 10].join('-')}: flatten, dense ${hidden.join(', ')}, dense 10 (${shape} input)`
        : `softmax classifier: flatten, dense 10 (${shape} input)`,
    inputShape,
    layers: [{ type: 'flatten' }, ...hidden.map((units) => ({ type: 'dense' as const, units })), { type: 'dense', units: 10, output: true }],
  };
}

/** The dense models the seeds use, listed by `bench list models`. */
export const DENSE_PRESETS = ['mlp-784-500-250-100', 'mlp-3072-512-512-256', 'linear-784', 'linear-3072'];

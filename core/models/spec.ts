/**
 * Baseline models as data: a list of layers that the builder turns into variables and a forward pass,
 * taking the activation, initializers and layer regularizers from plugins.
 *
 * Regularizer sites: every `conv` layer and every hidden `dense` layer offers a site (placement `conv`
 * or `dense`) unless it says `sites: false`. A layer regularizer goes to the sites of the placements
 * it is given (its default, or the suite's `placement`): BatchNorm after conv layers, before their
 * activation; Dropout after dense layers, after their activation (seed 003's 2x2 study). The output
 * layer never offers one. `bench list models` shows each model's sites.
 */

export type LayerSpec =
  /** Convolution; `padding: 'same'` keeps the size at stride 1 (PyTorch's padding 1 for a 3x3 kernel). */
  | { type: 'conv'; filters: number; kernel: number; stride?: number; padding?: 'valid' | 'same'; sites?: boolean }
  | { type: 'maxpool'; size: number; stride?: number }
  | { type: 'flatten' }
  /** A dense layer; `output: true` marks the logits layer (no activation, no regularizer sites). */
  | { type: 'dense'; units: number; output?: boolean; sites?: boolean };

export interface ModelSpec {
  name: string;
  summary: string;
  /** Input height, width, channels. Datasets with smaller images are zero-padded evenly to fit. */
  inputShape: [number, number, number];
  layers: LayerSpec[];
}

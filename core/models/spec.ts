/**
 * Baseline models as data: a list of layers that the builder turns into variables and a forward pass,
 * taking the activation, initializers and layer regularizers from plugins.
 */

export type LayerSpec =
  | { type: 'conv'; filters: number; kernel: number; stride?: number; padding?: 'valid' | 'same' }
  | { type: 'maxpool'; size: number; stride?: number }
  | { type: 'flatten' }
  /** A dense layer; `output: true` marks the logits layer (no activation, no regularizer sites). */
  | { type: 'dense'; units: number; output?: boolean };

export interface ModelSpec {
  name: string;
  summary: string;
  /** Input height, width, channels. Datasets with smaller images are zero-padded evenly to fit. */
  inputShape: [number, number, number];
  layers: LayerSpec[];
}

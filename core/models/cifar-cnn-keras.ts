/** One baseline model as data, seed 002's Keras CNN (below), and why its architecture is this one. */
import type { ModelSpec } from './spec';

/**
 * Seed 002's Keras CNN, the TensorFlow "Convolutional Neural Network" tutorial's model: conv 32@3x3
 * (valid), activation, max-pool 2; conv 64@3x3 (valid), activation, max-pool 2; conv 64@3x3 (valid),
 * activation; flatten (4x4x64 = 1,024); dense 64, activation; dense 10. 122,570 parameters:
 * 896 + 18,496 + 36,928 + 65,600 + 650.
 *
 * The seed lists a max-pool after the third convolution too; with Keras' default valid padding that
 * model has 73,418 parameters (2x2x64 = 256 inputs to dense 64), not the 122,570 it reports. Two
 * architectures give exactly 122,570: this one (valid padding, no third pool) and 'same' padding with
 * all three pools (32 -> 16 -> 8 -> 4, also 1,024 inputs to dense 64). This one is taken: Keras'
 * defaults, and the published tutorial that the seed's parameter count matches.
 * Sites: conv1-3 (conv), dense1 (dense).
 */
export const cifarCnnKeras: ModelSpec = {
  name: 'cifar-cnn-keras',
  summary: 'Keras tutorial CNN (seed 002): conv 32@3x3, pool, conv 64@3x3, pool, conv 64@3x3, dense 64, dense 10 (32x32x3)',
  inputShape: [32, 32, 3],
  layers: [
    { type: 'conv', filters: 32, kernel: 3 },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 64, kernel: 3 },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 64, kernel: 3 },
    { type: 'flatten' },
    { type: 'dense', units: 64 },
    { type: 'dense', units: 10, output: true },
  ],
};

/** One baseline model as data, seed 000's CIFAR-10 CNN (below); core/models/build.ts builds it. */
import type { ModelSpec } from './spec';

/**
 * Seed 000's CIFAR-10 CNN (as the peers in ../shared/peers build it): conv 16@3x3 padding 1
 * ('same'), activation, max-pool 2; conv 32@3x3 'same', activation, max-pool 2; conv 64@3x3 'same',
 * activation, max-pool 2; flatten (4x4x64 = 1,024); dense 512, activation; dense 10.
 * 553,514 parameters. Sites: conv1-3 (conv), dense1 (dense).
 */
export const cifarCnn: ModelSpec = {
  name: 'cifar-cnn',
  summary: 'CIFAR-10 CNN (seed 000): conv 16/32/64@3x3 same, each + pool 2, dense 512, dense 10 (32x32x3 input)',
  inputShape: [32, 32, 3],
  layers: [
    { type: 'conv', filters: 16, kernel: 3, padding: 'same' },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 32, kernel: 3, padding: 'same' },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 64, kernel: 3, padding: 'same' },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 512 },
    { type: 'dense', units: 10, output: true },
  ],
};

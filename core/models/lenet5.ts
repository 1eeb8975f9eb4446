/** One baseline model as data, LeNet-5 (below); core/models/build.ts builds it and summary.ts counts it. */
import type { ModelSpec } from './spec';

/**
 * LeNet-5 (LeCun et al., 1998) as the seeds train it: 32x32 input (MNIST zero-padded by 2);
 * conv 6@5x5, activation, max-pool 2; conv 16@5x5, activation, max-pool 2; conv 120@5x5, activation;
 * dense 84, activation; dense 10. 61,706 parameters.
 */
export const lenet5: ModelSpec = {
  name: 'lenet5',
  summary: 'LeNet-5: conv 6@5x5, pool, conv 16@5x5, pool, conv 120@5x5, dense 84, dense 10 (32x32x1 input)',
  inputShape: [32, 32, 1],
  layers: [
    { type: 'conv', filters: 6, kernel: 5 },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 16, kernel: 5 },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 120, kernel: 5 },
    { type: 'flatten' },
    { type: 'dense', units: 84 },
    { type: 'dense', units: 10, output: true },
  ],
};

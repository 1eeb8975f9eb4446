/**
 * Trial cost estimates for cost-balanced shards: model FLOPs x samples x epochs plus a fixed cost per step,
 * and costs measured in an earlier results file.
 */
import * as path from 'node:path';
import { estimateTrialFlops, measuredCosts, type MeasuredTrial, STEP_OVERHEAD_FLOPS } from './cost';
import { loadSuite } from './load';

const quick = loadSuite(path.join(__dirname, '../../suites/quick.json'));

describe('trial cost estimate', () => {
  it('quick.json: LeNet-5 on MNIST\'s official 60,000 (54,000 train + 6,000 validation), 4 epochs, then the 10,000 test images', () => {
    const f = 839_344; // LeNet-5's forward FLOPs per sample (core/models/models.test.ts)
    const epoch = 3 * f * 54_000 + f * 6_000 + Math.ceil(54_000 / 64) * STEP_OVERHEAD_FLOPS;
    expect(estimateTrialFlops(quick.trials[0]!)).toBe(4 * epoch + f * 10_000);
    expect(estimateTrialFlops(quick.trials[0]!)).toBe(606_192_608_000);
  });

  it('measured costs: seconds per sample-epoch of a measured configuration, the median seconds per FLOP for the others', () => {
    const [sgd, adam] = [quick.trials.find((t) => t.config.optimizer.name === 'sgd')!, quick.trials.find((t) => t.config.optimizer.name === 'adam')!];
    const record = (configId: string, seconds: number): MeasuredTrial => ({
      configId,
      model: { name: 'lenet5' },
      dataset: { name: 'mnist', train: 900, validation: 100, test: 200 },
      epochs: 2,
      batchSize: 64,
      history: [
        { trainSeconds: seconds - 0.5, evalSeconds: 0.5 },
        { trainSeconds: seconds + 0.5, evalSeconds: 0.5 },
      ],
    });
    const costs = measuredCosts([record(sgd.configId, 2), record(sgd.configId, 4)], 'old.json');
    expect(costs.source).toBe('measured in old.json (1 configuration; others estimated)');
    // sgd: (2.5 + 4.5) / 2 s per epoch over 1,000 rows, times 60,000 rows and 4 epochs
    expect(costs.costOf(sgd)).toBeCloseTo((3.5 / 1000) * 60_000 * 4, 9);
    const f = 839_344;
    const epochFlops = 3 * f * 900 + f * 100 + Math.ceil(900 / 64) * STEP_OVERHEAD_FLOPS;
    const perFlop = (2.5 / epochFlops + 4.5 / epochFlops) / 2;
    expect(costs.costOf(adam)).toBeCloseTo(estimateTrialFlops(adam) * perFlop, 6);
    expect(measuredCosts([{ ...record('x', 1), history: [] }], 'empty.json').costOf(adam)).toBe(estimateTrialFlops(adam));
  });
});

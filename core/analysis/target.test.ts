/**
 * Time-to-target on hand-made epoch histories: train seconds through the first epoch that met the target,
 * never-reached trials, loss targets reached from above, and how a target is described.
 */
import type { EpochRecord } from '../train/record';
import { describeTarget, meetsTarget, timeToTarget } from './target';

const epoch = (n: number, valAccuracy: number | null, trainSeconds: number, valLoss: number | null = null): EpochRecord => ({
  epoch: n,
  trainLoss: 1 / n,
  trainAccuracy: 0.5 + n / 10,
  valLoss,
  valAccuracy,
  trainSeconds,
  evalSeconds: 100,
  lr: 0.1,
});

describe('timeToTarget', () => {
  const history = [epoch(1, 0.9, 2.5), epoch(2, 0.97, 3), epoch(3, 0.985, 3.5), epoch(4, 0.99, 4)];

  it('counts train seconds (not eval seconds) through the first epoch at which the target held', () => {
    expect(timeToTarget(history, { metric: 'valAccuracy', value: 0.98 })).toEqual({ reached: true, epochs: 3, seconds: 9 });
    expect(timeToTarget(history, { metric: 'valAccuracy', value: 0.9 })).toEqual({ reached: true, epochs: 1, seconds: 2.5 });
  });

  it('reports a trial that never reached the target as such', () => {
    expect(timeToTarget(history, { metric: 'valAccuracy', value: 0.995 })).toEqual({ reached: false, epochs: null, seconds: null });
    expect(timeToTarget([], { metric: 'valAccuracy', value: 0.5 })).toEqual({ reached: false, epochs: null, seconds: null });
  });

  it('reaches loss targets from above, ignores missing and non-finite values', () => {
    const h = [epoch(1, null, 1, null), epoch(2, null, 1, NaN), epoch(3, null, 1, 0.2), epoch(4, null, 1, 0.1)];
    expect(timeToTarget(h, { metric: 'valLoss', value: 0.2 })).toEqual({ reached: true, epochs: 3, seconds: 3 });
    expect(timeToTarget(h, { metric: 'trainLoss', value: 0.5 })).toEqual({ reached: true, epochs: 2, seconds: 2 });
    expect(meetsTarget(null, { metric: 'valAccuracy', value: 0 })).toBe(false);
  });

  it('describes targets for notes', () => {
    expect(describeTarget({ metric: 'valAccuracy', value: 0.98 })).toBe('validation accuracy >= 0.98');
    expect(describeTarget({ metric: 'trainLoss', value: 0.1 })).toBe('training loss <= 0.1');
  });
});

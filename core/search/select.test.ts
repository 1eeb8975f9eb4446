/**
 * Selection of the best search trial by its validation metric (never the test set); diverged, failed and
 * timed-out trials are never chosen.
 */
import type { EpochRecord, TrialRecord } from '../train/record';
import { selectBest, selectionValue } from './select';

/** A search trial whose last epoch has these validation metrics and whose test accuracy is `test`. */
function rec(id: string, val: { acc: number; loss: number }, test: number, status: TrialRecord['status'] = 'ok'): TrialRecord {
  const epoch = (acc: number, loss: number): EpochRecord => ({ epoch: 1, trainLoss: 1, trainAccuracy: 0.5, valLoss: loss, valAccuracy: acc, trainSeconds: 1, evalSeconds: 0.1, lr: 0.01 });
  return {
    id,
    status,
    // An earlier epoch with a better value: selection reads the last epoch only.
    history: [epoch(0.99, 0.01), epoch(val.acc, val.loss)],
    final: { testAccuracy: test, testLoss: 1 - test, trainSeconds: 1, samplesPerSecond: 1, confusion: [] },
  } as unknown as TrialRecord;
}

test('selection follows the validation split even when the test set orders the trials the other way', () => {
  const trials = [rec('a', { acc: 0.9, loss: 0.3 }, 0.95), rec('b', { acc: 0.93, loss: 0.25 }, 0.8), rec('c', { acc: 0.91, loss: 0.2 }, 0.99)];
  // By test accuracy c > a > b; by validation accuracy b > c > a; by validation loss c < b < a.
  expect(selectBest(trials, 'valAccuracy')).toEqual({ trial: trials[1], value: 0.93 });
  expect(selectBest(trials, 'valLoss')).toEqual({ trial: trials[2], value: 0.2 });
});

test('diverged, failed and timed-out trials are never chosen; ties go to the first', () => {
  const trials = [rec('x', { acc: 0.99, loss: 0 }, 1, 'timeout'), rec('y', { acc: 0.5, loss: 1 }, 0.5), rec('z', { acc: 0.5, loss: 1 }, 0.6)];
  expect(selectionValue(trials[0]!, 'valAccuracy')).toBeNull();
  expect(selectBest(trials, 'valAccuracy')!.trial.id).toBe('y');
  expect(selectBest([trials[0]!], 'valAccuracy')).toBeUndefined();
});

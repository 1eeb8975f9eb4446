/**
 * Progress output of `bench run`: durations, the ETA from epochs done in this run, one plain line per finished
 * trial.
 */
import type { EpochRecord, TrialRecord } from '../train/record';
import type { Trial } from '../suite/types';
import { formatDuration, plainProgress, WorkClock } from './progress';

const epoch = (n: number, loss = 0.5) => ({ epoch: n, trainLoss: loss }) as EpochRecord;
const trial = (id: string) => ({ id, label: 'adam', seed: 1, config: { epochs: 4 } }) as unknown as Trial;
const okRecord = (id: string, epochs = 4) =>
  ({ id, label: 'adam', seed: 1, epochs, status: 'ok', final: { testAccuracy: 0.9876, trainSeconds: 12.34, samplesPerSecond: 456.7 } }) as unknown as TrialRecord;

describe('progress', () => {
  it('formats durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(Number.NaN)).toBe('?');
  });

  it('WorkClock: ETA from epochs done in this run; work done before the start does not count as speed', () => {
    let now = 0;
    const clock = new WorkClock(() => now);
    clock.plan(16, 4); // 4 trials x 4 epochs, one trial resumed
    expect(clock.etaSeconds()).toBeUndefined();
    now = 10_000;
    clock.epoch('b', 1);
    clock.epoch('c', 1); // 2 epochs in 10 s: 5 s per epoch, 10 epochs left
    expect(clock.workDone).toBe(6);
    expect(clock.etaSeconds()).toBe(50);
    now = 20_000;
    clock.epoch('b', 3); // epochs 2 and 3 of b
    clock.trialDone('c', 4); // c stopped early (diverged): its 3 remaining epochs count as done
    expect(clock.workDone).toBe(11);
    expect(clock.etaSeconds()).toBeCloseTo((20 / 7) * 5, 12); // 7 epochs in 20 s, 5 left
  });

  it('plain mode: one line per finished trial with elapsed time and ETA, nothing per epoch', () => {
    let now = 0;
    const lines: string[] = [];
    const sink = plainProgress((l) => lines.push(l), new WorkClock(() => now));
    sink.plan({ total: 2, resumed: 0, cached: 0, toRun: 2, workers: 2 }, 8, 0);
    sink.trialStart(trial('a'), 1);
    now = 30_000;
    sink.epoch(trial('a'), epoch(1), 1);
    sink.epoch(trial('a'), epoch(2), 1);
    expect(lines).toHaveLength(1);
    now = 60_000;
    sink.trialDone(okRecord('a'), 1, 2, 1);
    sink.trialDone(okRecord('b'), 2, 2, 2);
    expect(lines).toEqual([
      '2 trials to run on 2 workers',
      '[1/2] adam seed 1: test acc 98.76%, 12.3 s, 457 samples/s (worker 1, elapsed 1:00, ETA 1:00)',
      '[2/2] adam seed 1: test acc 98.76%, 12.3 s, 457 samples/s (worker 2, elapsed 1:00)',
    ]);
  });
});

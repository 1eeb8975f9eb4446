/**
 * Learning-rate schedules per epoch against torch's ExponentialLR, StepLR and CosineAnnealingLR values,
 * warm-up, labels and bad parameters.
 */
import { InputError } from '../util/errors';
import { resolveSchedule, resolveScheduleIssues, scheduledLr, scheduleLabel } from './schedules';

const lrs = (raw: unknown, epochs: number, lr = 0.1) => {
  const s = resolveSchedule(raw);
  return Array.from({ length: epochs }, (_, i) => scheduledLr(s, lr, i + 1, epochs));
};
const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 12));

describe('scheduledLr', () => {
  it('constant (also when absent)', () => {
    expect(lrs(undefined, 3)).toEqual([0.1, 0.1, 0.1]);
    expect(lrs({ name: 'constant' }, 2)).toEqual([0.1, 0.1]);
  });
  it('exponential: lr * gamma^(epoch - 1), default gamma 0.999', () => {
    close(lrs({ name: 'exponential', gamma: 0.5 }, 4), [0.1, 0.05, 0.025, 0.0125]);
    close(lrs({ name: 'exponential' }, 3), [0.1, 0.0999, 0.0999 * 0.999]);
  });
  it('step: lr * gamma^floor((epoch - 1) / stepSize), as torch StepLR', () => {
    close(lrs({ name: 'step', stepSize: 2, gamma: 0.1 }, 5), [0.1, 0.1, 0.01, 0.01, 0.001]);
  });
  it('cosine: etaMin + (lr - etaMin)(1 + cos(pi e / E)) / 2, as torch CosineAnnealingLR with T_max = epochs', () => {
    close(lrs({ name: 'cosine' }, 4), [0.1, 0.1 * (1 + Math.SQRT1_2) / 2, 0.05, 0.1 * (1 - Math.SQRT1_2) / 2]);
    close(lrs({ name: 'cosine', etaMin: 0.02 }, 2), [0.1, 0.06]);
  });
  it('linear-warmup: lr * epoch / W up to W, then lr', () => {
    close(lrs({ name: 'linear-warmup', warmupEpochs: 4 }, 6), [0.025, 0.05, 0.075, 0.1, 0.1, 0.1]);
  });
  it('warm-up before another schedule, which then runs over the remaining epochs', () => {
    close(lrs({ name: 'cosine', warmupEpochs: 2 }, 6), [0.05, 0.1, 0.1, 0.1 * (1 + Math.SQRT1_2) / 2, 0.05, 0.1 * (1 - Math.SQRT1_2) / 2]);
    close(lrs({ name: 'exponential', gamma: 0.5, warmupEpochs: 1 }, 3), [0.1, 0.1, 0.05]);
  });
});

describe('resolveSchedule', () => {
  it('fills in defaults', () => {
    expect(resolveSchedule({ name: 'step' })).toEqual({ name: 'step', stepSize: 10, gamma: 0.1, warmupEpochs: 0 });
  });
  it('names the JSON path and the problem', () => {
    expect(resolveScheduleIssues({ name: 'exponentail' }, '$.optimizers[0].schedule').issues[0]).toEqual({
      path: '$.optimizers[0].schedule.name',
      message: 'unknown schedule "exponentail"; expected one of constant, exponential, step, cosine, linear-warmup',
    });
    expect(resolveScheduleIssues({ name: 'cosine', gamma: 0.5 }, '$.s').issues).toEqual([{ path: '$.s.gamma', message: 'is not a parameter of the "cosine" schedule' }]);
    expect(resolveScheduleIssues({ name: 'exponential', gamma: 2 }, '$.s').issues[0]?.path).toBe('$.s.gamma');
    expect(() => resolveSchedule('cosine')).toThrow(InputError);
  });
  it('labels', () => {
    expect(scheduleLabel(resolveSchedule({ name: 'constant' }))).toBe('');
    expect(scheduleLabel(resolveSchedule({ name: 'exponential' }))).toBe('exponential(gamma=0.999)');
    expect(scheduleLabel(resolveSchedule({ name: 'cosine', warmupEpochs: 3 }))).toBe('cosine(etaMin=0,warmupEpochs=3)');
  });
});

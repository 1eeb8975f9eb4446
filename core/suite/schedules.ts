/**
 * Learning-rate schedules, per epoch. A suite declares one next to its optimizer:
 *
 *   {"name": "sgd", "params": {"lr": 0.1}, "schedule": {"name": "exponential", "gamma": 0.999}}
 *
 * and the training loop asks `scheduledLr(schedule, lr, epoch, epochs)` for each epoch's rate; the
 * optimizer's `update` receives it as `lr`, and the epoch record stores it. Epochs count from 1; `lr`
 * is the optimizer's `lr` parameter. With e = epoch - 1 (epochs already done):
 *
 *   constant      lr
 *   exponential   lr * gamma^e                                              (torch ExponentialLR)
 *   step          lr * gamma^floor(e / stepSize)                             (torch StepLR)
 *   cosine        etaMin + (lr - etaMin) * (1 + cos(pi * e / E)) / 2         (torch CosineAnnealingLR, T_max = E)
 *   linear-warmup lr * min(1, epoch / warmupEpochs)                          (lr / W in epoch 1, lr from epoch W on)
 *
 * Every schedule also takes `warmupEpochs` (default 0): during the first W epochs the rate rises
 * linearly to lr * (epoch / W) and the schedule proper then starts, counting e from 0 again over E
 * = epochs - W epochs, so "cosine with warm-up" is {"name": "cosine", "warmupEpochs": 5}.
 * These match torch's schedulers stepped once per epoch (scheduler.step() after each epoch).
 */
import { InputError } from '../util/errors';
import { resolveParams } from '../plugin/params';

/** A schedule as written in a suite, its defaults filled in by `resolveSchedule`. */
export type Schedule =
  | { name: 'constant'; warmupEpochs: number }
  | { name: 'exponential'; gamma: number; warmupEpochs: number }
  | { name: 'step'; stepSize: number; gamma: number; warmupEpochs: number }
  | { name: 'cosine'; etaMin: number; warmupEpochs: number }
  | { name: 'linear-warmup'; warmupEpochs: number };

export type ScheduleName = Schedule['name'];

const warmup = { type: 'integer', minimum: 0, default: 0, description: 'epochs of linear warm-up before the schedule starts' };

/** The parameter schema of each schedule (its properties besides `name`). */
export const SCHEDULE_PARAMS: Record<ScheduleName, { type: 'object'; properties: Record<string, Record<string, unknown>>; required?: string[] }> = {
  constant: { type: 'object', properties: { warmupEpochs: warmup } },
  exponential: {
    type: 'object',
    properties: { gamma: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.999, description: 'factor per epoch' }, warmupEpochs: warmup },
  },
  step: {
    type: 'object',
    properties: {
      stepSize: { type: 'integer', minimum: 1, default: 10, description: 'epochs between decays' },
      gamma: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.1, description: 'factor at each decay' },
      warmupEpochs: warmup,
    },
  },
  cosine: {
    type: 'object',
    properties: { etaMin: { type: 'number', minimum: 0, default: 0, description: 'rate approached in the last epoch' }, warmupEpochs: warmup },
  },
  'linear-warmup': {
    type: 'object',
    properties: { warmupEpochs: { type: 'integer', minimum: 1, default: 5, description: 'epochs to reach lr' } },
  },
};

/** The schedule names, as suites write them. */
export const SCHEDULE_NAMES = Object.keys(SCHEDULE_PARAMS) as ScheduleName[];

/**
 * Validates a schedule as written in a suite (at JSON path `at`) and fills in its defaults; throws
 * InputError naming the path. An absent schedule is constant.
 */
export function resolveSchedule(raw: unknown, at = 'schedule'): Schedule {
  const r = resolveScheduleIssues(raw, at);
  if (!r.schedule) throw new InputError(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.schedule;
}

/** Like resolveSchedule, but returns the problems instead of throwing (for suites, which report all at once). */
export function resolveScheduleIssues(raw: unknown, at: string): { schedule?: Schedule; issues: Array<{ path: string; message: string }> } {
  if (raw === undefined) return { schedule: { name: 'constant', warmupEpochs: 0 }, issues: [] };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { issues: [{ path: at, message: 'must be an object with a "name"' }] };
  const { name, ...rest } = raw as Record<string, unknown>;
  const schema = typeof name === 'string' ? SCHEDULE_PARAMS[name as ScheduleName] : undefined;
  if (!schema) {
    return { issues: [{ path: `${at}.name`, message: `unknown schedule ${JSON.stringify(name)}; expected one of ${SCHEDULE_NAMES.join(', ')}` }] };
  }
  const r = resolveParams(schema, rest, at);
  if (r.issues.length > 0) {
    const issues = r.issues.map((i) => (i.message === 'is not a known parameter' ? { ...i, message: `is not a parameter of the "${name}" schedule` } : i));
    return { issues };
  }
  return { schedule: { name, ...r.params } as Schedule, issues: [] };
}

/** The learning rate of `epoch` (from 1) of `epochs`, for base rate `lr`. */
export function scheduledLr(s: Schedule, lr: number, epoch: number, epochs: number): number {
  const w = s.warmupEpochs;
  if (s.name === 'linear-warmup') return lr * Math.min(1, epoch / w);
  if (epoch <= w) return lr * (epoch / w);
  const e = epoch - 1 - w;
  const total = Math.max(1, epochs - w);
  switch (s.name) {
    case 'constant':
      return lr;
    case 'exponential':
      return lr * s.gamma ** e;
    case 'step':
      return lr * s.gamma ** Math.floor(e / s.stepSize);
    case 'cosine':
      return s.etaMin + ((lr - s.etaMin) * (1 + Math.cos((Math.PI * e) / total))) / 2;
  }
}

/** A short label for tables: `exponential(gamma=0.999)`; '' for the constant schedule without warm-up. */
export function scheduleLabel(s: Schedule): string {
  const { name, ...rest } = s;
  const values = rest as Record<string, unknown>;
  const shown = Object.keys(SCHEDULE_PARAMS[name].properties)
    .map((k) => [k, values[k]] as const)
    .filter(([k, v]) => v !== undefined && !(k === 'warmupEpochs' && v === 0 && name !== 'linear-warmup'));
  if (name === 'constant' && shown.length === 0) return '';
  return shown.length ? `${name}(${shown.map(([k, v]) => `${k}=${String(v)}`).join(',')})` : name;
}

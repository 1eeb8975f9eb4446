/**
 * Time-to-target: how long a trial trained before a validation (or training) metric first reached the
 * suite's target, e.g. `{ "metric": "valAccuracy", "value": 0.98 }`. Accuracies reach a target from
 * below (>=), losses from above (<=). Time is training time only (the sum of the epochs' train
 * seconds, evaluation excluded), as AlgoPerf counts it; metrics are measured once per epoch, so the
 * time is that of the end of the first epoch at which the target held.
 */
import type { EpochRecord } from '../train/record';
import type { Target, TargetMetric } from '../suite/types';

/** Where one trial reached the target; `reached: false` (and nulls) when it never did. */
export interface TargetOutcome {
  reached: boolean;
  /** The 1-based epoch at whose end the target first held. */
  epochs: number | null;
  /** Train seconds up to and including that epoch. */
  seconds: number | null;
}

/** Whether a value of `target.metric` meets the target (>= for accuracies, <= for losses). */
export function meetsTarget(value: number | null, target: Target): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  return target.metric.endsWith('Loss') ? value <= target.value : value >= target.value;
}

/** The first epoch of `history` at which `target` held, and the train seconds until then. */
export function timeToTarget(history: readonly EpochRecord[], target: Target): TargetOutcome {
  let seconds = 0;
  for (const e of history) {
    seconds += e.trainSeconds;
    if (meetsTarget(e[target.metric], target)) return { reached: true, epochs: e.epoch, seconds };
  }
  return { reached: false, epochs: null, seconds: null };
}

/** "validation accuracy >= 0.98", for notes under tables. */
export function describeTarget(target: Target): string {
  const names: Record<TargetMetric, string> = {
    valAccuracy: 'validation accuracy',
    trainAccuracy: 'training accuracy',
    valLoss: 'validation loss',
    trainLoss: 'training loss',
  };
  return `${names[target.metric]} ${target.metric.endsWith('Loss') ? '<=' : '>='} ${target.value}`;
}

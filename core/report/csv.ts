/**
 * Tidy CSV (RFC 4180): one row per trial per epoch, and one row per trial with its final metrics and
 * time-to-target. Numbers are written in full precision (JavaScript's shortest round-trip form);
 * missing values are empty cells. `bench report --format csv --out FILE` writes the epochs to FILE and
 * the trials to FILE with `.trials` before its extension; on stdout the two tables follow each other,
 * separated by one empty line.
 */
import type { TrialRecord } from '../train/record';
import { timeToTarget } from '../analysis/target';
import type { Report } from './model';

type Cell = string | number | boolean | null | undefined;

/** One CSV field: quoted when it holds a comma, quote, CR or LF. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const toCsv = (head: string[], rows: Cell[][]) => `${[head, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;

const TRIAL_KEYS = ['trial_id', 'config_id', 'configuration', 'model', 'dataset', 'optimizer', 'seed', 'status'];

/** One row per trial per epoch: losses, accuracies, seconds (and their running total), learning rate. */
export function epochsCsv(report: Report): string {
  const head = [
    ...TRIAL_KEYS,
    'epoch',
    'train_loss',
    'train_accuracy',
    'val_loss',
    'val_accuracy',
    'train_seconds',
    'eval_seconds',
    'cumulative_train_seconds',
    'lr',
  ];
  const rows: Cell[][] = [];
  for (const t of report.trials) {
    let cumulative = 0;
    for (const e of t.history) {
      cumulative += e.trainSeconds;
      rows.push([
        ...idColumns(t),
        e.epoch,
        e.trainLoss,
        e.trainAccuracy,
        e.valLoss,
        e.valAccuracy,
        e.trainSeconds,
        e.evalSeconds,
        cumulative,
        e.lr,
      ]);
    }
  }
  return toCsv(head, rows);
}

/** One row per trial: final test metrics, timings, time-to-target, divergence or error, and the results file, backend and code it came from. */
export function trialsCsv(report: Report): string {
  const head = [
    ...TRIAL_KEYS,
    'epochs_run',
    'test_accuracy',
    'test_loss',
    'train_seconds',
    'samples_per_second',
    'wall_seconds',
    'target_reached',
    'target_epochs',
    'target_seconds',
    'diverged_epoch',
    'diverged_step',
    'error',
    'results_file',
    'backend',
    'code',
  ];
  const rows = report.trials.map((t): Cell[] => {
    const from = report.fileOf.get(t.id);
    const ttt = report.target && t.status === 'ok' ? timeToTarget(t.history, report.target) : undefined;
    const final = t.status === 'ok' ? t.final : undefined;
    const divergence = t.status === 'diverged' ? t.divergence : undefined;
    return [
      ...idColumns(t),
      t.history.length,
      final?.testAccuracy,
      final?.testLoss,
      final?.trainSeconds,
      final?.samplesPerSecond,
      t.wallSeconds,
      ttt?.reached,
      ttt?.epochs,
      ttt?.seconds,
      divergence?.epoch,
      divergence && 'step' in divergence ? divergence.step : undefined,
      t.status === 'failed' ? t.error : undefined,
      from?.file,
      from?.backend,
      from?.code,
    ];
  });
  return toCsv(head, rows);
}

/** Both tables, for stdout: epochs, an empty line, trials. */
export function csvReport(report: Report): string {
  return `${epochsCsv(report)}\n${trialsCsv(report)}`;
}

/** `results.csv` -> `results.trials.csv`. */
export function trialsCsvPath(file: string): string {
  const m = /^(.*?)(\.[^./\\]*)?$/.exec(file)!;
  return `${m[1]}.trials${m[2] ?? '.csv'}`;
}

/** The columns that identify a trial, first in both tables. */
function idColumns(t: TrialRecord): Array<string | number> {
  return [t.id, t.configId, t.label, t.model.name, t.dataset.name, t.optimizer.name, t.seed, t.status];
}

/**
 * Progress of `bench run` on stderr. In a terminal: a cli-progress bar for the run (trials done/total,
 * elapsed, ETA) and one line per worker (its trial, epoch and last loss), with notices printed above
 * them. Elsewhere (CI logs): one plain line per finished trial, with elapsed time and ETA.
 *
 * Work is counted in epochs, so the ETA moves while long trials train; trials taken from a resumed run
 * or the cache count as done before the clock starts and do not make the ETA optimistic.
 */
import { MultiBar, type SingleBar } from 'cli-progress';
import { describeDivergence, type EpochRecord, type TrialRecord } from '../train/record';
import type { Trial } from '../suite/types';

/** m:ss or h:mm:ss */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Elapsed time and ETA from work units (epochs): the rate is the work done since the start over the
 * time since the start.
 */
export class WorkClock {
  private readonly t0: number;
  private doneAtStart = 0;
  private done = 0;
  private total = 0;
  /** Epochs finished so far by each trial in flight, by trial id. */
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {
    this.t0 = now();
  }

  /** Sets the total work and the work already done before this run started. */
  plan(total: number, alreadyDone: number): void {
    this.total = total;
    this.doneAtStart = alreadyDone;
    this.done = alreadyDone;
  }

  epoch(trialId: string, epoch: number): void {
    const before = this.inFlight.get(trialId) ?? 0;
    this.inFlight.set(trialId, epoch);
    this.done += Math.max(0, epoch - before);
  }

  /** A trial finished: its remaining epochs (it may have stopped early) count as done. */
  trialDone(trialId: string, epochs: number): void {
    const before = this.inFlight.get(trialId) ?? 0;
    this.inFlight.delete(trialId);
    this.done += Math.max(0, epochs - before);
  }

  get workDone(): number {
    return this.done;
  }

  get workTotal(): number {
    return this.total;
  }

  elapsedSeconds(): number {
    return (this.now() - this.t0) / 1000;
  }

  /** Seconds left, or undefined before any work is done in this run. */
  etaSeconds(): number | undefined {
    const progressed = this.done - this.doneAtStart;
    if (progressed <= 0) return undefined;
    return (this.elapsedSeconds() / progressed) * Math.max(0, this.total - this.done);
  }
}

/** One line that says how a trial ended. */
export function describeRecord(r: TrialRecord): string {
  return r.status === 'ok'
    ? `test acc ${(r.final.testAccuracy * 100).toFixed(2)}%, ${r.final.trainSeconds.toFixed(1)} s, ${Math.round(r.final.samplesPerSecond)} samples/s`
    : r.status === 'diverged'
      ? `diverged at ${describeDivergence(r.divergence)}`
      : r.status === 'timeout'
        ? `timeout after ${r.timeout.seconds} s (epoch ${r.timeout.epoch}, step ${r.timeout.step})`
        : `failed: ${r.error.split('\n')[0]}`;
}

export interface ProgressSink {
  plan(p: { total: number; resumed: number; cached: number; carried?: number; toRun: number; workers: number }, totalEpochs: number, doneEpochs: number): void;
  trialStart(trial: Trial, worker: number): void;
  epoch(trial: Trial, e: EpochRecord, worker: number): void;
  trialDone(record: TrialRecord, done: number, total: number, worker: number): void;
  /** A notice line. */
  log(line: string): void;
  stop(): void;
}

/**
 * Plain lines, one per finished trial: for logs that are not a terminal. `unit` names what the trials
 * run on (worker processes; the shards of a Slurm run).
 */
export function plainProgress(write: (line: string) => void, clock = new WorkClock(), unit = 'worker'): ProgressSink {
  return {
    plan(p, totalEpochs, doneEpochs) {
      clock.plan(totalEpochs, doneEpochs);
      const already = p.resumed + p.cached + (p.carried ?? 0);
      write(`${p.toRun} trial${p.toRun === 1 ? '' : 's'} to run on ${p.workers} ${unit}${p.workers === 1 ? '' : 's'}${already ? ` (${already} of ${p.total} already done)` : ''}`);
    },
    trialStart() {},
    epoch(trial, e) {
      clock.epoch(trial.id, e.epoch);
    },
    trialDone(r, done, total, worker) {
      clock.trialDone(r.id, r.epochs);
      const eta = clock.etaSeconds();
      write(
        `[${done}/${total}] ${r.label} seed ${r.seed}: ${describeRecord(r)} ` +
          `(${unit} ${worker}, elapsed ${formatDuration(clock.elapsedSeconds())}${eta !== undefined && done < total ? `, ETA ${formatDuration(eta)}` : ''})`,
      );
    },
    log: write,
    stop() {},
  };
}

/** Bars on a terminal stream (stderr); `unit` as for `plainProgress`. */
export function barProgress(stream: NodeJS.WritableStream, clock = new WorkClock(), unit = 'worker'): ProgressSink {
  const multi = new MultiBar(
    {
      stream,
      format: (options, params, payload: Record<string, string>) => {
        if (payload.kind === 'worker') return payload.text ?? '';
        const width = options.barsize ?? 30;
        const filled = Math.round(params.progress * width);
        return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${payload.trials} trials | elapsed ${payload.elapsed} | ETA ${payload.eta}`;
      },
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      fps: 5,
    },
    undefined,
  );
  let main: SingleBar | undefined;
  let trials = { done: 0, total: 0 };
  const rows = new Map<number, SingleBar>();
  const summary = () => {
    const eta = clock.etaSeconds();
    return {
      kind: 'main',
      trials: `${trials.done}/${trials.total}`,
      elapsed: formatDuration(clock.elapsedSeconds()),
      eta: eta === undefined ? '?' : formatDuration(eta),
    };
  };
  const refresh = () => main?.update(clock.workDone, summary());
  const timer = setInterval(refresh, 1000);
  timer.unref();
  const row = (worker: number, text: string) => {
    let bar = rows.get(worker);
    if (!bar) {
      bar = multi.create(1, 0, { kind: 'worker', text });
      rows.set(worker, bar);
    }
    bar.update(0, { kind: 'worker', text });
  };
  return {
    plan(p, totalEpochs, doneEpochs) {
      clock.plan(totalEpochs, doneEpochs);
      trials = { done: p.resumed + p.cached + (p.carried ?? 0), total: p.total };
      main = multi.create(Math.max(1, totalEpochs), doneEpochs, summary());
    },
    trialStart(trial, worker) {
      row(worker, `  ${unit} ${worker}: ${trial.label} seed ${trial.seed}, epoch 0/${trial.config.epochs}`);
    },
    epoch(trial, e, worker) {
      clock.epoch(trial.id, e.epoch);
      row(worker, `  ${unit} ${worker}: ${trial.label} seed ${trial.seed}, epoch ${e.epoch}/${trial.config.epochs}, loss ${e.trainLoss.toFixed(4)}`);
      refresh();
    },
    trialDone(r, done, total, worker) {
      clock.trialDone(r.id, r.epochs);
      trials = { done, total };
      multi.log(`[${done}/${total}] ${r.label} seed ${r.seed}: ${describeRecord(r)}\n`);
      row(worker, `  ${unit} ${worker}: idle`);
      refresh();
    },
    log(line) {
      if (main) multi.log(`${line}\n`);
      else stream.write(`${line}\n`);
    },
    stop() {
      clearInterval(timer);
      refresh();
      multi.stop();
    },
  };
}

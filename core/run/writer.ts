/**
 * A run's crash-safe record of itself: the trial log `<out>.trials.jsonl` (a header, then one fsync'd line
 * per finished trial) and the results document `<out>`, rewritten atomically after every trial with the
 * trials in suite order whatever order they finished in. Without `out` it only keeps the records in
 * memory. It knows nothing of training, workers or the cache's keys: it is handed finished records.
 */
import * as fs from 'node:fs';
import type { BackendInfo } from '../backends';
import type { CodeVersion } from '../env/code-version';
import { toolVersion } from '../env/code-version';
import type { Calibration } from '../env/calibration';
import { resolveStats, type StatsOptions } from '../analysis/rank-options';
import type { SequentialRecord } from '../analysis/sequential';
import { captureEnvironment } from '../env/environment';
import type { Dataset } from '../data';
import type { TrialRecord } from '../train/record';
import { SCHEMA_VERSION, withRanking, writeResults } from '../results/document';
import type { DataLimits, RunDocument } from '../results/run-info';
import { logFileOf, readTrialLog, TrialLog } from '../results/trial-log';
import type { Suite } from '../suite/load';
import { hasLimits } from './data-limits';
import type { RunEvents } from './events';
import type { RunPlan } from './plan';
import type { PreviousRun } from './resume';

/** Everything the results document records about how it was produced. */
export interface WriterInput {
  suite: Suite;
  plan: RunPlan;
  backend: BackendInfo;
  calibration: Calibration;
  datasets: ReadonlyMap<string, Dataset>;
  code: CodeVersion;
  /** Trials trained at once, as asked for. */
  workers: number;
  /** Worker slots this run trains on (0 when nothing is left to train). */
  slots: number;
  /** `performance.now()` when the run started, for its wall time. */
  startedAt: number;
  dataLimits: DataLimits;
  /** The statistics of the ranking the document records (the defaults where unset). */
  stats?: StatsOptions;
  /** A sequential run's record so far (`run.sequential`). */
  sequential?: SequentialRecord;
  /** The run being finished: its creation time is kept, and its trial log appended to. */
  resume?: PreviousRun;
  /** The results file; its log is `<out>.trials.jsonl`. */
  out?: string;
  /** Also keeps each new record elsewhere (the result cache). */
  store?: (record: TrialRecord) => void;
  events: RunEvents;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Writes a run's trial log and results document as its trials finish. */
export class RunWriter {
  private readonly done: Map<string, TrialRecord>;
  private readonly order: Map<string, number>;
  private readonly base: RunDocument;
  private readonly busy: number[];
  private log?: TrialLog;

  constructor(private readonly input: WriterInput) {
    const { suite, plan, backend, resume: prev } = input;
    this.done = new Map(plan.done);
    this.order = new Map(plan.plannedIds.map((id, i) => [id, i]));
    this.busy = new Array<number>(input.slots).fill(0);
    this.base = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'bench', version: toolVersion() },
      createdAt: prev?.doc?.createdAt ?? new Date().toISOString(),
      complete: false,
      environment: { ...captureEnvironment(backend), calibration: input.calibration },
      suite: { name: suite.spec.name, file: suite.file, spec: suite.spec },
      datasets: [...input.datasets.values()].map(({ name, id, source, checksum, files }) => ({ name, id, source, checksum, files })),
      trials: [],
      ranking: [],
      statistics: resolveStats(input.stats),
      run: {
        code: input.code,
        suiteTrials: suite.trials.map((t) => t.id),
        plannedTrials: [...plan.plannedIds],
        shard: plan.shard,
        workers: input.workers,
        cachedTrials: [...plan.cached],
        resumedTrials: [...plan.resumed],
        dataLimits: hasLimits(input.dataLimits) ? input.dataLimits : null,
        ...(input.sequential ? { sequential: input.sequential } : {}),
      },
    };
  }

  /**
   * Opens the trial log (a resumed run's own, else a new one with its header), appends the records it
   * lacks (taken from the cache, or found only in the old document), and writes the first document.
   */
  open(): void {
    const { out, resume: prev, plan } = this.input;
    if (!out) return;
    const logFile = logFileOf(out);
    this.log =
      prev?.header && fs.existsSync(logFile)
        ? TrialLog.reopen(logFile)
        : TrialLog.create(logFile, {
            kind: 'header',
            format: 1,
            createdAt: this.base.createdAt,
            suite: this.base.suite,
            plannedTrials: [...plan.plannedIds],
            shard: plan.shard,
            code: this.input.code,
            backend: this.input.backend.name,
          });
    const logged = new Set(prev?.header ? readTrialLog(logFile).records.map((r) => r.id) : []);
    for (const t of plan.planned) if (this.done.has(t.id) && !logged.has(t.id)) this.log.append(this.done.get(t.id)!);
    writeResults(out, this.snapshot());
  }

  /** A finished trial: appended to the log, stored, written into the document, then reported (`onTrial`). */
  add(record: TrialRecord, worker: number): void {
    this.log?.append(record);
    this.input.store?.(record);
    this.done.set(record.id, record);
    if (worker >= 1 && worker <= this.busy.length) this.busy[worker - 1]! += record.wallSeconds;
    if (this.input.out) writeResults(this.input.out, this.snapshot());
    this.input.events.onTrial?.(record, this.done.size, this.order.size, worker);
  }

  /** Closes the trial log (also after an error). */
  closeLog(): void {
    this.log?.close();
    this.log = undefined;
  }

  /** Writes and returns the final document: complete when every planned trial is done. */
  finish(): RunDocument {
    const final = this.snapshot();
    if (this.input.out) writeResults(this.input.out, final);
    return final;
  }

  /** The document with the trials done so far, in suite order, and their ranking. */
  private snapshot(): RunDocument {
    const trials = [...this.done.values()].sort((a, b) => this.order.get(a.id)! - this.order.get(b.id)!);
    const run = { ...this.base.run, busySeconds: this.busy.map(round3), wallSeconds: round3((performance.now() - this.input.startedAt) / 1000) };
    const doc: RunDocument = { ...this.base, run, trials, complete: trials.length === this.order.size };
    return withRanking(doc) as RunDocument;
  }
}

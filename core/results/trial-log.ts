/**
 * The crash-safe trial log kept next to a results file (`<results>.trials.jsonl`): a header line, then
 * one JSON line per finished trial, each appended and fsync'd as the trial finishes. A process killed
 * at any moment leaves at worst a torn last line, which readers drop; every line before it is whole.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeVersion } from '../env/code-version';
import { BenchError, InputError, messageOf } from '../util/errors';
import type { TrialRecord } from '../train/record';
import type { Shard } from '../suite/shard';
import type { SuiteFile } from '../suite/types';
import { readTextFile } from '../util/json';

export const LOG_SUFFIX = '.trials.jsonl';

/** The log file of results file `resultsFile`. */
export function logFileOf(resultsFile: string): string {
  return `${resultsFile}${LOG_SUFFIX}`;
}

/** The first line: what the run is, so a log alone is enough to resume. */
export interface LogHeader {
  kind: 'header';
  format: 1;
  createdAt: string;
  suite: { name: string; file: string; spec: SuiteFile };
  /** Ids of the trials this run (this shard) is to produce, in suite order. */
  plannedTrials: string[];
  shard: Shard | null;
  code: CodeVersion;
  backend: string;
}

export interface LogTrial {
  kind: 'trial';
  record: TrialRecord;
}

/** An open log; append() returns once the line is on disk. */
export class TrialLog {
  private fd: number | undefined;

  private constructor(
    readonly file: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Starts a new log (replacing any old one) with `header`. */
  static create(file: string, header: LogHeader): TrialLog {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      const log = new TrialLog(file, fs.openSync(file, 'w'));
      log.writeLine(header);
      return log;
    } catch (e) {
      throw new BenchError(`cannot write ${file}: ${messageOf(e)}`, 1);
    }
  }

  /** Opens an existing log to append to; a torn last line is cut off first so new lines start whole. */
  static reopen(file: string): TrialLog {
    try {
      const text = fs.readFileSync(file, 'utf8');
      const whole = text.lastIndexOf('\n') + 1;
      if (whole < text.length) fs.truncateSync(file, Buffer.byteLength(text.slice(0, whole)));
      return new TrialLog(file, fs.openSync(file, 'a'));
    } catch (e) {
      throw new BenchError(`cannot append to ${file}: ${messageOf(e)}`, 1);
    }
  }

  /** Appends one finished trial and fsyncs. */
  append(record: TrialRecord): void {
    this.writeLine({ kind: 'trial', record } satisfies LogTrial);
  }

  private writeLine(value: LogHeader | LogTrial): void {
    if (this.fd === undefined) throw new BenchError(`internal error: ${this.file} is closed`, 1);
    fs.writeSync(this.fd, `${JSON.stringify(value)}\n`);
    fs.fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

export interface LogContents {
  header: LogHeader;
  records: TrialRecord[];
  /** True when the last line was torn (a crash while writing it) and was dropped. */
  torn: boolean;
}

/** Reads a log; a torn last line is dropped, any other bad line is an InputError naming it. */
export function readTrialLog(file: string): LogContents {
  const text = readTextFile(file);
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const torn = last.length > 0;
  let header: LogHeader | undefined;
  const records: TrialRecord[] = [];
  lines.forEach((line, i) => {
    let v: { kind?: unknown; format?: unknown; record?: Partial<TrialRecord> };
    try {
      v = JSON.parse(line) as typeof v;
    } catch (e) {
      throw new InputError(`${file}: line ${i + 1} is not valid JSON (${messageOf(e)})`);
    }
    if (i === 0) {
      if (v.kind !== 'header' || v.format !== 1) throw new InputError(`${file}: line 1 is not a bench trial-log header`);
      header = v as unknown as LogHeader;
    } else if (v.kind === 'trial' && v.record && typeof v.record.id === 'string') {
      records.push(v.record as TrialRecord);
    } else {
      throw new InputError(`${file}: line ${i + 1} is not a trial line`);
    }
  });
  if (!header) throw new InputError(`${file}: empty trial log (no header line)`);
  return { header, records, torn };
}

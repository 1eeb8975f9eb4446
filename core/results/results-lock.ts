/**
 * One writer per results file. `bench run --out F` and `--resume F` hold `F.lock` (JSON: the pid, the
 * host name and when it started) while they write F and F.trials.jsonl, so that a second run cannot
 * interleave its trials with the first's, nor time its trials while the first competes for the cores.
 *
 * The lock is created atomically: the holder's JSON is written to a file of its own, then hard-linked
 * to `F.lock`, which fails if the lock exists (so a reader never sees a half-written lock; link is
 * atomic on NFS too). A lock whose process is gone from this host is stale and is taken over with a
 * note; one from another host cannot be checked from here and is an error saying how to remove it.
 * It is released on return, on an error, and on process exit; a process killed outright (kill -9, or
 * a signal with `--workers 1`, which installs no handler) leaves it stale for the next run to take over.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { InputError, messageOf } from '../util/errors';

/** Who holds a lock: the contents of `<results>.lock`. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  startedAt: string;
}

/** A held lock; `release()` removes it (if it is still this holder's), once. */
export interface ResultsLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): void;
}

/** The lock file of results file `resultsFile`. */
export function lockFileOf(resultsFile: string): string {
  return `${resultsFile}.lock`;
}

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** Whether process `pid` runs on this host (EPERM: it runs, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return codeOf(e) === 'EPERM';
  }
}

/** The holder written in `lockFile`; undefined when there is no lock (any more). */
function readHolder(lockFile: string): LockHolder | undefined {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw new InputError(`${lockFile}: cannot be read (${messageOf(e)})`);
  }
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid === 'number' && typeof h.hostname === 'string' && typeof h.startedAt === 'string') return { pid: h.pid, hostname: h.hostname, startedAt: h.startedAt };
  } catch {
    // reported below
  }
  throw new InputError(`${lockFile}: not a bench lock file (expected {"pid", "hostname", "startedAt"}); if no bench is writing beside it, delete it`);
}

const same = (a: LockHolder | undefined, b: LockHolder) => a !== undefined && a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt;

/** Creates `lockFile` holding `me`; false when a lock is already there. */
function tryCreate(lockFile: string, me: LockHolder): boolean {
  const mine = `${lockFile}.${me.pid}.tmp`;
  try {
    fs.writeFileSync(mine, `${JSON.stringify(me)}\n`);
    fs.linkSync(mine, lockFile);
    return true;
  } catch (e) {
    if (codeOf(e) === 'EEXIST') return false;
    throw new InputError(`${lockFile}: cannot be created (${messageOf(e)})`);
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

/**
 * Takes the lock of `resultsFile`, or throws an InputError naming who holds it: a running process on
 * this host, or a process on another host (whose lock bench cannot check). A lock left by a process
 * that no longer runs on this host is taken over, with a note through `log`.
 */
export function acquireResultsLock(resultsFile: string, log: (line: string) => void = () => {}): ResultsLock {
  const file = lockFileOf(resultsFile);
  const here = os.hostname();
  const holder: LockHolder = { pid: process.pid, hostname: here, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, holder)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try {
          if (same(readHolder(file), holder)) fs.rmSync(file, { force: true });
        } catch {
          // a lock that is no longer ours, or unreadable: leave it to whoever holds it
        }
      };
      process.on('exit', release);
      return { file, holder, release };
    }
    const other = readHolder(file);
    if (!other) continue; // released between the two calls: try again
    const who = `pid ${other.pid} on ${other.hostname} (since ${other.startedAt})`;
    if (other.hostname !== here) {
      throw new InputError(`${resultsFile} is locked by ${who}, which bench cannot check from ${here}; if no bench runs there any more, delete ${file}`);
    }
    if (isRunning(other.pid)) throw new InputError(`${resultsFile} is being written by ${who}; wait for that run to end, or choose another --out`);
    log(`note: ${file} was left by ${who}, which is no longer running; taking it over`);
    if (same(readHolder(file), other)) fs.rmSync(file, { force: true });
  }
  throw new InputError(`${file}: other processes keep taking this lock; is another bench starting on ${resultsFile}?`);
}

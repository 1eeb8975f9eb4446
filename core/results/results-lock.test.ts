/**
 * The one-writer lock of a results file: its contents (pid, host, start), a second holder refused, release
 * that leaves another process's lock alone, and a file that is no lock.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inputErrorOf, tempWriter } from '../../test/helpers';
import { acquireResultsLock, lockFileOf } from './results-lock';

const { dir } = tempWriter('bench-lock-');

describe('results lock', () => {
  it('holds the pid, host and start time in <out>.lock, refuses a second holder, and is released once', () => {
    const out = path.join(dir, 'a.json');
    const exitListeners = process.listenerCount('exit');
    const lock = acquireResultsLock(out);
    expect(lock.file).toBe(`${out}.lock`);
    const held = JSON.parse(fs.readFileSync(lockFileOf(out), 'utf8')) as Record<string, unknown>;
    expect(held).toEqual({ pid: process.pid, hostname: os.hostname(), startedAt: lock.holder.startedAt });
    expect(Date.now() - Date.parse(lock.holder.startedAt)).toBeLessThan(60_000);
    expect(process.listenerCount('exit')).toBe(exitListeners + 1); // released if the process exits holding it
    expect(inputErrorOf(() => acquireResultsLock(out))).toBe(
      `${out} is being written by pid ${process.pid} on ${os.hostname()} (since ${lock.holder.startedAt}); wait for that run to end, or choose another --out`,
    );
    lock.release();
    lock.release();
    expect(fs.readdirSync(dir)).toEqual([]); // no lock, no temporary file
    expect(process.listenerCount('exit')).toBe(exitListeners);
    acquireResultsLock(out).release();
  });

  it('release leaves a lock that another process has taken since', () => {
    const out = path.join(dir, 'b.json');
    const lock = acquireResultsLock(out);
    const theirs = `${JSON.stringify({ pid: 1, hostname: os.hostname(), startedAt: '2030-01-01T00:00:00.000Z' })}\n`;
    fs.writeFileSync(lockFileOf(out), theirs);
    lock.release();
    expect(fs.readFileSync(lockFileOf(out), 'utf8')).toBe(theirs);
  });

  it('a lock file that is not a lock is an error, not taken over', () => {
    const out = path.join(dir, 'c.json');
    fs.writeFileSync(lockFileOf(out), 'garbage');
    expect(inputErrorOf(() => acquireResultsLock(out))).toBe(
      `${out}.lock: not a bench lock file (expected {"pid", "hostname", "startedAt"}); if no bench is writing beside it, delete it`,
    );
    expect(fs.readFileSync(lockFileOf(out), 'utf8')).toBe('garbage');
  });
});

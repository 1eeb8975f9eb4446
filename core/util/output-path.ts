/**
 * Output paths, checked before any work: a file bench is told to write goes into a folder that exists
 * and takes new files; a folder bench is told to fill may be new, in a folder that takes new folders.
 * Anything else is bad input (InputError: exit 2) naming the option, the path and the reason, instead of
 * a write that fails after the work (exit 1) or a folder tree created where the user mistyped one.
 *
 * "Takes new files" is tested by creating (then removing) an empty file there: permission bits do not
 * tell (root may write anywhere by them, yet not in /proc, a read-only mount or a full quota).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, messageOf } from './errors';

/** The stat of `p`, or undefined when nothing is there (ENOENT, or ENOTDIR: a file on the way). */
function statOf(flag: string, p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InputError(`${flag}: cannot reach ${p} (${code ?? messageOf(e)})`);
  }
}

/** The nearest of `p` and the folders above it that exists, with its stat. */
function nearestExisting(flag: string, p: string): { at: string; stat: fs.Stats } {
  for (let at = p; ; at = path.dirname(at)) {
    const stat = statOf(flag, at);
    if (stat) return { at, stat };
    if (path.dirname(at) === at) throw new InputError(`${flag}: no folder of ${p} exists`);
  }
}

let probes = 0;

/** Why files cannot be created in folder `dir` (the error code), or undefined when they can. */
function cannotCreateIn(dir: string): string | undefined {
  const probe = path.join(dir, `.bench-write-test.${process.pid}.${++probes}`);
  try {
    fs.closeSync(fs.openSync(probe, 'wx'));
    fs.rmSync(probe, { force: true });
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? messageOf(e);
  }
}

/** Throws unless `dir` is an existing folder that takes new files. */
function checkFolder(flag: string, shown: string, dir: string): void {
  const { at, stat } = nearestExisting(`${flag} ${shown}`, dir);
  if (!stat.isDirectory()) throw new InputError(`${flag} ${shown}: ${at} is not a folder (ENOTDIR)`);
  if (at !== dir) throw new InputError(`${flag} ${shown}: folder ${dir} does not exist (ENOENT)`);
  const why = cannotCreateIn(dir);
  if (why) throw new InputError(`${flag} ${shown}: cannot create files in folder ${dir} (${why})`);
}

/**
 * Checks that `file`, given as `flag`, can be written: it is not a folder, and its folder exists and
 * takes new files. Throws an InputError naming `flag`, `file` and the reason otherwise.
 */
export function checkOutputFile(file: string, flag: string): void {
  if (statOf(`${flag} ${file}`, file)?.isDirectory()) throw new InputError(`${flag} ${file}: is a folder, not a file`);
  checkFolder(flag, file, path.dirname(file));
}

/**
 * Checks that `dir`, given as `flag`, is a folder that takes new files, or a new folder that can be
 * created (with any missing folders above it) under one that does. With `create`, creates it.
 */
export function checkOutputFolder(dir: string, flag: string, opts: { create?: boolean } = {}): void {
  const { at, stat } = nearestExisting(`${flag} ${dir}`, dir);
  if (at === dir && !stat.isDirectory()) throw new InputError(`${flag} ${dir}: is a file, not a folder`);
  checkFolder(flag, dir, at);
  if (!opts.create || at === dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`${flag} ${dir}: cannot be created (${(e as NodeJS.ErrnoException).code ?? messageOf(e)})`);
  }
}

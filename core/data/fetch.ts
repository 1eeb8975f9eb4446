/**
 * `bench data fetch`: downloads a dataset's official files into `<data-dir>/<name>/`, checks them
 * against the published checksums, and only then gives them their official names. Every download
 * goes to a hidden temporary file in the same directory and is renamed into place after its checksum
 * matched, so an interrupted or failed download leaves no file under an official name (and the
 * temporary file is removed; a stale one from a killed process is removed by the next fetch).
 *
 * Sources are the https addresses each dataset ships (core/data/<name>.ts) or `--mirror`; redirects
 * are followed only to https. Plain http is accepted for loopback hosts only, for test servers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar';
import { BenchError, InputError, messageOf } from '../util/errors';
import { KNOWN_ARCHIVES, knownFile } from './checksums';
import { getProvider } from './';
import type { DatasetProvider } from './provider';
import { checkFile, type FileCheck, md5 } from './verify';

/** Progress of one download, for a progress bar. */
export interface ProgressSink {
  start(file: string, totalBytes: number | undefined): void;
  update(receivedBytes: number): void;
  stop(): void;
}

/** How a download reports and is stopped. */
export interface DownloadOptions {
  log?: (line: string) => void;
  progress?: ProgressSink;
  /** Aborts the download in flight (Ctrl-C); what was written is removed. */
  signal?: AbortSignal;
  /** Give up on a connection that sends nothing for this long (default 60 s). */
  idleTimeoutMs?: number;
}

export interface FetchOptions extends DownloadOptions {
  dataDir: string;
  /** A base URL used instead of the dataset's own: files are fetched from `<mirror>/<file name>`. */
  mirror?: string;
  /** Download even when valid files are present. */
  force?: boolean;
}

export interface FetchResult {
  dataset: string;
  dir: string;
  /** The files now in place, verified. */
  files: FileCheck[];
  /** Files that were already present and valid. */
  kept: string[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Throws unless `url` is https, or http to a loopback host (a local test server). */
export function checkUrlAllowed(url: string, what = 'URL'): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(`${what} "${url}" is not a valid URL`);
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && (LOOPBACK.has(u.hostname) || /^127\.\d+\.\d+\.\d+$/.test(u.hostname))) return u;
  throw new InputError(`${what} "${url}": only https URLs are used (plain http only for a server on this machine's loopback address)`);
}

const join = (base: string, file: string) => `${base.replace(/\/+$/, '')}/${file}`;

/** Where the files go and what to do by hand when the download cannot be made. */
export function manualInstructions(p: DatasetProvider, dir: string, bases: string[]): string {
  const urls = p.source.downloads.map((f) => `  ${join(bases[0]!, f)}`).join('\n');
  const place = p.source.archivePrefix
    ? `extract ${p.files.join(', ')} from its ${p.source.archivePrefix} folder into ${dir}/`
    : `put the files in ${dir}/ under these names (gzipped or decompressed)`;
  return (
    `To install ${p.name} by hand (see ${p.source.homepage}), download\n${urls}\n${place}, then run \`bench data verify ${p.name}\`.` +
    (p.source.note ? `\n${p.source.note}` : '')
  );
}

class DownloadError extends Error {
  constructor(
    message: string,
    readonly network: boolean,
  ) {
    super(message);
  }
}

/** GETs `url` following up to 5 redirects, each checked by checkUrlAllowed. */
async function get(url: string, signal: AbortSignal): Promise<Response> {
  let at = url;
  for (let hop = 0; hop <= 5; hop++) {
    checkUrlAllowed(at);
    let res: Response;
    try {
      res = await fetch(at, { redirect: 'manual', signal });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new DownloadError(`${at}: ${cause?.code ?? cause?.message ?? messageOf(e)}`, true);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      at = new URL(res.headers.get('location')!, at).toString();
      await res.body?.cancel();
      continue;
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new DownloadError(`${at}: HTTP ${res.status} ${res.statusText}`, false);
    }
    return res;
  }
  throw new DownloadError(`${url}: too many redirects`, false);
}

/**
 * Downloads `url` into `tmp`. On any failure the temporary file is removed and a
 * DownloadError thrown. `signal` aborts; a connection silent for `idleMs` is abandoned.
 */
async function download(url: string, tmp: string, file: string, opts: DownloadOptions): Promise<void> {
  const idleMs = opts.idleTimeoutMs ?? 60_000;
  const ctl = new AbortController();
  const onAbort = () => ctl.abort();
  opts.signal?.addEventListener('abort', onAbort);
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ctl.abort(), idleMs);
  };
  const out = fs.openSync(tmp, 'w');
  let started = false;
  try {
    arm();
    const res = await get(url, ctl.signal);
    const len = Number(res.headers.get('content-length'));
    opts.progress?.start(file, Number.isFinite(len) && len > 0 ? len : undefined);
    started = true;
    let received = 0;
    const reader = res.body!.getReader();
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new DownloadError(`${url}: connection lost after ${received} bytes (${messageOf((e as { cause?: unknown }).cause ?? e)})`, true);
      }
      if (chunk.done) break;
      arm();
      fs.writeSync(out, chunk.value);
      received += chunk.value.length;
      opts.progress?.update(received);
    }
    if (Number.isFinite(len) && len > 0 && received !== len) {
      throw new DownloadError(`${url}: received ${received} of ${len} bytes`, true);
    }
    fs.closeSync(out);
  } catch (e) {
    try {
      fs.closeSync(out);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    if (opts.signal?.aborted) throw new BenchError(`download of ${file} interrupted; nothing was written`, 1);
    if (ctl.signal.aborted && !(e instanceof DownloadError)) throw new DownloadError(`${url}: no data for ${idleMs / 1000} s`, true);
    throw e;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    if (started) opts.progress?.stop();
  }
}

const tempName = (dir: string, file: string) => path.join(dir, `.${file}.${process.pid}.part`);

/** Removes temporary files left by a killed fetch. */
function removeStale(dir: string): void {
  for (const f of fs.readdirSync(dir)) {
    if (/^\..+\.\d+\.part$/.test(f) || /^\.extract\.\d+$/.test(f)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  }
}

/** The published md5 of a download (an official file or an archive). */
function expectedMd5(dataset: string, file: string): string {
  const k = knownFile(dataset, file) ?? KNOWN_ARCHIVES.find((a) => a.dataset === dataset && a.file === file);
  if (!k) throw new Error(`internal: no published checksum for ${dataset}/${file}`);
  return k.md5;
}

/**
 * Downloads `file` from the first of `urls` whose content passes `check` (which throws an InputError
 * when it does not), into `dest`: through a temporary file beside it, renamed only after the check.
 * When every URL fails, throws an InputError listing the failures, then `manual` (what to do by hand).
 */
export async function downloadFile<T>(
  urls: string[],
  dest: string,
  check: (tmpPath: string) => T,
  manual: string,
  opts: DownloadOptions,
): Promise<T> {
  const file = path.basename(dest);
  const failures: DownloadError[] = [];
  for (const url of urls) {
    const tmp = tempName(path.dirname(dest), file);
    opts.log?.(`downloading ${url}`);
    try {
      await download(url, tmp, file, opts);
      let result: T;
      try {
        result = check(tmp);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        if (!(e instanceof InputError)) throw e;
        throw new DownloadError(`${url}: ${e.message.replace(`${tmp}: `, '')}`, false);
      }
      fs.renameSync(tmp, dest);
      return result;
    } catch (e) {
      if (!(e instanceof DownloadError)) throw e;
      failures.push(e);
    }
    opts.log?.(`  failed: ${failures[failures.length - 1]!.message}`);
  }
  const offline = failures.every((f) => f.network);
  throw new InputError(
    `cannot download ${file}${offline ? ' (offline, or the server cannot be reached)' : ''}; nothing was written:\n` +
      `${failures.map((f) => `  ${f.message}`).join('\n')}\n${manual}`,
  );
}

/** Which official files in `dir` are present and pass their checks. */
function validFiles(p: DatasetProvider, dir: string): Map<string, FileCheck> {
  const ok = new Map<string, FileCheck>();
  for (const f of p.files) {
    const at = path.join(dir, f);
    if (!fs.existsSync(at)) continue;
    try {
      ok.set(f, checkFile(p.name, f, at, fs.readFileSync(at)));
    } catch {
      // corrupt or not the official file: fetched again
    }
  }
  return ok;
}

/** Downloads dataset `name` into `<dataDir>/<name>/` (see the module comment). */
export async function fetchDataset(name: string, opts: FetchOptions): Promise<FetchResult> {
  const p = getProvider(name);
  const bases = opts.mirror ? [opts.mirror] : p.source.baseUrls;
  bases.forEach((b) => checkUrlAllowed(b, opts.mirror ? '--mirror' : `${name} source`));
  const dir = path.join(opts.dataDir, name);
  fs.mkdirSync(dir, { recursive: true });
  removeStale(dir);

  const urlsOf = (file: string) => bases.map((b) => join(b, file));
  const manual = manualInstructions(p, dir, bases);
  const valid = opts.force ? new Map<string, FileCheck>() : validFiles(p, dir);
  const kept = [...valid.keys()];
  if (valid.size === p.files.length) {
    opts.log?.(`${name}: all ${p.files.length} files already present and verified in ${dir}`);
    return { dataset: name, dir, files: [...valid.values()], kept };
  }

  if (!p.source.archivePrefix) {
    for (const f of p.files) {
      if (valid.has(f)) continue;
      const at = path.join(dir, f);
      const check = (tmp: string) => checkFile(p.name, f, tmp, fs.readFileSync(tmp));
      const c = await downloadFile(urlsOf(f), at, check, manual, opts);
      valid.set(f, { ...c, path: at });
    }
    return { dataset: name, dir, files: p.files.map((f) => valid.get(f)!), kept };
  }

  // One archive holds every file: download it, extract the official files to a temporary folder,
  // check each against its published md5, then move them into place.
  const archive = p.source.downloads[0]!;
  const scratch = path.join(dir, `.extract.${process.pid}`);
  const tmp = path.join(scratch, archive);
  try {
    fs.mkdirSync(scratch, { recursive: true });
    const want = expectedMd5(p.name, archive);
    await downloadFile(urlsOf(archive), tmp, (t) => {
      const got = md5(fs.readFileSync(t));
      if (got !== want) throw new InputError(`${t}: checksum mismatch: md5 ${got}, the published file has md5 ${want}`);
    }, manual, opts);
    opts.log?.(`extracting ${p.files.length} files from ${archive}`);
    const wanted = new Set(p.files.map((f) => `${p.source.archivePrefix}${f}`));
    try {
      await tar.x({ file: tmp, cwd: scratch, strip: 1, filter: (entry) => wanted.has(entry.replace(/^\.\//, '')) });
    } catch (e) {
      throw new InputError(`${archive}: cannot be extracted (${messageOf(e)})`);
    }
    const checks: FileCheck[] = p.files.map((f) => {
      const at = path.join(scratch, f);
      if (!fs.existsSync(at)) throw new InputError(`${archive}: holds no ${p.source.archivePrefix}${f}`);
      return checkFile(p.name, f, at, fs.readFileSync(at));
    });
    for (const c of checks) {
      const at = path.join(dir, c.file);
      fs.renameSync(c.path, at);
      c.path = at;
    }
    return { dataset: name, dir, files: checks, kept: [] };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Downloading one file safely, for `bench data fetch` (core/data/fetch.ts): https only (plain http for
 * loopback test servers), redirects followed only to https, a connection silent too long abandoned,
 * Ctrl-C honoured. The bytes go to a hidden temporary file beside the destination and are renamed into
 * place only after the caller's check passed, so a failed download leaves no file under the real name.
 * Knows nothing of datasets: what a valid file is, the caller's `check` says.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BenchError, InputError, messageOf } from '../util/errors';

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

/** One URL that failed; `network` when the server could not be reached or the connection broke (offline, not a bad answer). */
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

/** The temporary file a download of `file` into `dir` is written to, by this process. */
const tempName = (dir: string, file: string) => path.join(dir, `.${file}.${process.pid}.part`);

/** Whether a file name is a download's temporary file (tempName), left by this or a killed process. */
export const isPartialDownload = (name: string): boolean => /^\..+\.\d+\.part$/.test(name);

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

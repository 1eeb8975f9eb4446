/**
 * `bench data fetch`: downloads a dataset's official files into `<data-dir>/<name>/`, checks them
 * against the published checksums, and only then gives them their official names. Every download
 * goes to a hidden temporary file in the same directory and is renamed into place after its checksum
 * matched, so an interrupted or failed download leaves no file under an official name (and the
 * temporary file is removed; a stale one from a killed process is removed by the next fetch).
 *
 * Sources are the https addresses each dataset ships (core/data/<name>.ts) or `--mirror`; redirects
 * are followed only to https. Plain http is accepted for loopback hosts only, for test servers. One
 * file's download (the temporary file, redirects, timeouts) is core/data/download.ts; this module
 * knows which files a dataset has, where they go, and how an archive's members are checked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar';
import { InputError, messageOf } from '../util/errors';
import { KNOWN_ARCHIVES, knownFile } from './checksums';
import { checkUrlAllowed, type DownloadOptions, downloadFile, isPartialDownload } from './download';
import { getProvider } from './';
import type { DatasetProvider } from './provider';
import { checkFile, type FileCheck, md5 } from './verify';

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

/** Removes temporary files left by a killed fetch: partial downloads and extraction folders. */
function removeStale(dir: string): void {
  for (const f of fs.readdirSync(dir)) {
    if (isPartialDownload(f) || /^\.extract\.\d+$/.test(f)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  }
}

/** The published md5 of a download (an official file or an archive). */
function expectedMd5(dataset: string, file: string): string {
  const k = knownFile(dataset, file) ?? KNOWN_ARCHIVES.find((a) => a.dataset === dataset && a.file === file);
  if (!k) throw new Error(`internal: no published checksum for ${dataset}/${file}`);
  return k.md5;
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

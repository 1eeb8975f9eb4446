/**
 * `bench data list` and `bench data verify`: where each dataset is, how big its files are, and whether
 * they match the published checksums. `datasetStatus` checks checksums only; `verifyDataset` also
 * decodes every file (header, counts, labels), as a run would.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { messageOf } from '../util/errors';
import { fileDatasets, getProvider } from './';
import { EMBEDDED_MNIST_DIR, loadEmbeddedMnist } from './mnist';
import { type DatasetProvider, loadLocated, locate, searchDirs } from './provider';
import { checkFile, type CheckState, readLocalSums } from './verify';

export interface FileStatus {
  file: string;
  path?: string;
  bytes?: number;
  state: CheckState | 'missing' | 'mismatch';
  error?: string;
}

export interface DatasetStatus {
  name: string;
  summary: string;
  /** Some of its files were found. */
  present: boolean;
  /** Where they were found, or where they belong. */
  dir: string;
  searched: string[];
  files: FileStatus[];
  totalBytes: number;
  /** Present, complete and every check passed (and, after verify, every file decoded). */
  ok: boolean;
  /** The first problem found, when not ok and present. */
  error?: string;
  /** What a run uses when the dataset is absent (MNIST's embedded subset). */
  fallback?: { dir: string; ok: boolean; error?: string; train: number; test: number };
}

/** Presence, sizes and checksum state of dataset `p` in `dataDir`. */
export function datasetStatus(p: DatasetProvider, dataDir: string): DatasetStatus {
  const searched = searchDirs(p, dataDir);
  const loc = locate(p, dataDir);
  const dir = loc?.dir ?? searched[0]!;
  const local = loc ? safeSums(loc.dir) : undefined;
  const files: FileStatus[] = p.files.map((f) => {
    const at = loc?.present.get(f);
    if (!at) return { file: f, state: 'missing' };
    const bytes = fs.statSync(at).size;
    try {
      const c = checkFile(p.name, f, at, fs.readFileSync(at), local?.sums);
      return { file: f, path: at, bytes, state: c.state };
    } catch (e) {
      return { file: f, path: at, bytes, state: 'mismatch', error: messageOf(e) };
    }
  });
  const problem =
    local?.error ??
    files.find((f) => f.state === 'mismatch')?.error ??
    (loc && loc.missing.length > 0 ? `${dir}: incomplete (missing ${loc.missing.join(', ')})` : undefined);
  return {
    name: p.name,
    summary: p.summary,
    present: Boolean(loc),
    dir,
    searched,
    files,
    totalBytes: files.reduce((n, f) => n + (f.bytes ?? 0), 0),
    ok: Boolean(loc) && !problem,
    ...(loc && problem ? { error: problem } : {}),
  };
}

function safeSums(dir: string): { sums?: Map<string, string>; error?: string } {
  try {
    return { sums: readLocalSums(dir) };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

/** datasetStatus plus a full decode of every file; for MNIST without files, checks the embedded subset. */
export function verifyDataset(name: string, dataDir: string): DatasetStatus {
  const p = getProvider(name);
  const st = datasetStatus(p, dataDir);
  if (st.present && st.ok) {
    try {
      loadLocated(p, locate(p, dataDir)!);
    } catch (e) {
      st.ok = false;
      st.error = messageOf(e);
    }
  }
  if (!st.present && p.fallback) {
    try {
      const sub = loadEmbeddedMnist();
      st.fallback = { dir: EMBEDDED_MNIST_DIR, ok: true, train: sub.train.count, test: sub.test.count };
    } catch (e) {
      st.fallback = { dir: EMBEDDED_MNIST_DIR, ok: false, error: messageOf(e), train: 0, test: 0 };
    }
  }
  return st;
}

/**
 * `bench data verify [name]`: verifyDataset on `name`, or on every file dataset, and the problems
 * found: each present dataset that fails a check or does not decode, a broken embedded subset, and
 * `name` itself when it is absent with nothing standing in for it. No problems: the data is usable.
 */
export function verifyDatasets(name: string | undefined, dataDir: string): { statuses: DatasetStatus[]; problems: string[] } {
  const names = name ? [name] : fileDatasets().map((p) => p.name);
  const statuses = names.map((n) => verifyDataset(n, dataDir));
  const problems = statuses.filter((s) => (s.present && !s.ok) || s.fallback?.ok === false).map((s) => `${s.name}: ${s.error ?? s.fallback?.error}`);
  const only = statuses[0]!;
  if (problems.length === 0 && name && !only.present && !only.fallback) {
    problems.push(`${name} is not present in ${only.searched.join(' or ')}; run \`bench data fetch ${name}\``);
  }
  return { statuses, problems };
}

/** Statuses of every dataset. */
export function listDatasets(dataDir: string): DatasetStatus[] {
  return fileDatasets().map((p) => {
    const st = datasetStatus(p, dataDir);
    if (!st.present && p.fallback) st.fallback = { dir: EMBEDDED_MNIST_DIR, ok: true, train: 6309, test: 10000 };
    return st;
  });
}

const mb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`);

const STATE_TEXT: Record<FileStatus['state'], string> = {
  'published-md5': 'published md5 ok',
  'published-content-md5': 'published md5 of the decompressed file ok',
  'local-sha256sums': 'not official; matches SHA256SUMS',
  missing: 'missing',
  mismatch: 'CHECKSUM MISMATCH',
};

/** Plain-text rendering: one block per dataset, one line per file when `detail`. */
export function formatStatuses(sts: DatasetStatus[], detail: boolean): string {
  const lines: string[] = [];
  for (const st of sts) {
    const head = `${st.name.padEnd(14)} `;
    if (!st.present) {
      lines.push(`${head}absent     expected in ${st.dir}${st.searched.length > 1 ? ` (also searched ${st.searched.slice(1).join(', ')})` : ''}`);
      if (st.fallback) {
        lines.push(
          `${''.padEnd(15)}runs use the embedded subset in ${st.fallback.dir} (${st.fallback.train} + ${st.fallback.test} images)` +
            (st.fallback.ok ? '' : `: BROKEN: ${st.fallback.error}`),
        );
      }
      lines.push(`${''.padEnd(15)}get it: bench data fetch ${st.name}`);
    } else {
      const states = new Set(st.files.map((f) => f.state));
      const summary = st.ok ? [...states].map((s) => STATE_TEXT[s]).join(', ') : `PROBLEM: ${st.error}`;
      lines.push(`${head}${(st.ok ? 'present' : st.files.some((f) => f.state === 'mismatch') ? 'corrupt' : 'incomplete').padEnd(10)} ${st.dir}  ${st.files.filter((f) => f.bytes !== undefined).length} files, ${mb(st.totalBytes)}; ${summary}`);
    }
    if (detail) {
      for (const f of st.files) {
        lines.push(`${''.padEnd(17)}${f.file.padEnd(28)} ${f.bytes !== undefined ? mb(f.bytes).padStart(9) : ''.padStart(9)}  ${STATE_TEXT[f.state]}${f.path && path.basename(f.path) !== f.file ? ` (as ${path.basename(f.path)})` : ''}`);
      }
    }
  }
  return lines.join('\n');
}


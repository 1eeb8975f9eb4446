/**
 * Datasets as the harness sees them: uint8 images (NHWC) with uint8 labels, already split into the
 * official train and test sets, with the checksums of the files they came from.
 */
import * as crypto from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckState } from './verify';

export interface Split {
  /** count x height x width x channels bytes, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface FileChecksum {
  file: string;
  bytes: number;
  sha256: string;
  /** How the file was identified: by its published checksum, or by the user's SHA256SUMS. */
  verifiedBy?: CheckState;
}

export interface Dataset {
  /**
   * Recorded in results: the name for the official files (`mnist`), `mnist-subset-6309` for the
   * embedded subset, `<name>-local-<8 hex>` for files of the user's own listed in SHA256SUMS.
   */
  id: string;
  /** The name a suite uses. */
  name: string;
  /** Where the files were read from. */
  source: string;
  /** sha256 over the files' own checksums, in file-name order. */
  checksum: string;
  files: FileChecksum[];
  imageShape: [number, number, number];
  numClasses: number;
  train: Split;
  test: Split;
}

/** The data directory: `--data-dir`, else $BENCH_DATA_DIR, else the user's cache directory. */
export function defaultDataDir(): string {
  if (process.env.BENCH_DATA_DIR) return process.env.BENCH_DATA_DIR;
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'bench', 'data');
}

/** The files' checksums in file-name order, and the combined checksum (sha256 over `name:sha256` lines). */
export function combineChecksums(files: FileChecksum[]): { files: FileChecksum[]; checksum: string } {
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const all = crypto.createHash('sha256');
  for (const s of sorted) all.update(`${s.file}:${s.sha256}\n`);
  return { files: sorted, checksum: all.digest('hex') };
}

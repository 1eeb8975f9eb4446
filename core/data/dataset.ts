/**
 * Datasets as the harness sees them: uint8 images (NHWC) with uint8 labels, already split into the
 * official train and test sets, with the checksums of the files they came from.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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
}

export interface Dataset {
  /** Recorded in results: `mnist`, or `mnist-subset-6309` for the embedded subset. */
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

/** sha256 and size of each file, and the combined checksum. */
export function checksumFiles(files: string[]): { files: FileChecksum[]; checksum: string } {
  const sums = [...files].sort().map((f) => {
    const buf = fs.readFileSync(f);
    return { file: path.basename(f), bytes: buf.length, sha256: crypto.createHash('sha256').update(buf).digest('hex') };
  });
  const all = crypto.createHash('sha256');
  for (const s of sums) all.update(`${s.file}:${s.sha256}\n`);
  return { files: sums, checksum: all.digest('hex') };
}

/**
 * What a dataset module provides, and the loading every dataset shares: find its directory
 * (`<data-dir>/<name>/`, then system directories such as Debian's /usr/share/datasets/<name>), read the
 * official files, decode them (a malformed file is an InputError naming it), check every file against
 * the published checksums, and describe the result as a Dataset. A directory holding some but not all
 * of the files, or a file that fails a check, is an error: never a reason to fall back to other data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, messageOf } from '../util/errors';
import { combineChecksums, type Dataset, type Split } from './dataset';
import { checkFile, type FileCheck, readLocalSums } from './verify';

/** The bytes of one file, read from disk. */
export interface RawFile {
  /** The official name it stands for. */
  file: string;
  /** Its path on disk (perhaps a decompressed variant of the official name). */
  path: string;
  raw: Buffer;
  /** The decompressed bytes, once a decoder has gunzipped them (spares the checksum a second gunzip). */
  content?: Uint8Array;
}

/** Where `bench data fetch` gets a dataset. */
export interface DownloadSource {
  /** Base URLs (https) tried in order; a file is fetched from `<base>/<file name>`. */
  baseUrls: string[];
  /** Files to download: the official files themselves, or one archive holding them. */
  downloads: string[];
  /** For archives: the path prefix of the official files inside it. */
  archivePrefix?: string;
  /** The page that describes the dataset and its terms, for the manual-download message. */
  homepage: string;
  /** Another way to get it, for the manual-download message. */
  note?: string;
}

export interface DatasetProvider {
  /** The name a suite uses. */
  name: string;
  summary: string;
  imageShape: [number, number, number];
  numClasses: number;
  /** The official splits' sizes (what the shard cost estimate counts; core/suite/cost.ts). */
  sizes: { train: number; test: number };
  /** Official file names, as `<data-dir>/<name>/` holds them. */
  files: readonly string[];
  /** Names a file may also have on disk (IDX files kept decompressed). */
  alternatives?(file: string): string[];
  /** Directories searched after `<data-dir>/<name>`, in order. */
  systemDirs?: readonly string[];
  source: DownloadSource;
  /** Decodes the files (keyed by official name) into the official train and test splits. */
  decode(files: Map<string, RawFile>): { train: Split; test: Split };
  /** Used when no file of the dataset is found anywhere (MNIST's embedded subset); announced. */
  fallback?(): Dataset;
}

/** Where a provider's files are: the directory searched first that holds any of them. */
export interface Located {
  dir: string;
  /** Official name -> path on disk, for the files present. */
  present: Map<string, string>;
  missing: string[];
}

/** The directories searched for `p`, in order. */
export function searchDirs(p: DatasetProvider, dataDir: string): string[] {
  return [path.join(dataDir, p.name), ...(p.systemDirs ?? [])];
}

/** The first searched directory holding any of `p`'s files, or undefined. */
export function locate(p: DatasetProvider, dataDir: string): Located | undefined {
  for (const dir of searchDirs(p, dataDir)) {
    const present = new Map<string, string>();
    for (const f of p.files) {
      const found = [f, ...(p.alternatives?.(f) ?? [])].map((n) => path.join(dir, n)).find((n) => fs.existsSync(n));
      if (found) present.set(f, found);
    }
    if (present.size > 0) return { dir, present, missing: p.files.filter((f) => !present.has(f)) };
  }
  return undefined;
}

function readRaw(file: string, filePath: string): RawFile {
  try {
    return { file, path: filePath, raw: fs.readFileSync(filePath) };
  } catch (e) {
    throw new InputError(`${filePath}: cannot be read (${messageOf(e)})`);
  }
}

/** An InputError for a directory missing some of the dataset's files. */
export function incompleteError(p: DatasetProvider, loc: Located): InputError {
  return new InputError(
    `${loc.dir}: incomplete ${p.name} (missing ${loc.missing.join(', ')}); ` +
      `run \`bench data fetch ${p.name}\` or put the missing files there`,
  );
}

/** Decodes and checks the files at `loc`; `id` defaults to the provider's name (or a local id). */
export function loadLocated(p: DatasetProvider, loc: Located): Dataset {
  if (loc.missing.length > 0) throw incompleteError(p, loc);
  const files = new Map(p.files.map((f) => [f, readRaw(f, loc.present.get(f)!)]));
  const { train, test } = p.decode(files);
  const checks = checkAll(p.name, [...files.values()], loc.dir);
  return describe(p, loc.dir, checks, train, test);
}

/** Checks every file; the first failure is thrown. */
export function checkAll(dataset: string, files: RawFile[], dir: string): FileCheck[] {
  const local = readLocalSums(dir);
  return files.map((f) => checkFile(dataset, f.file, f.path, f.raw, local, f.content));
}

/** The Dataset for decoded splits and their file checks. */
export function describe(p: DatasetProvider, dir: string, checks: FileCheck[], train: Split, test: Split, id?: string): Dataset {
  const sums = combineChecksums(checks.map((c) => ({ file: path.basename(c.path), bytes: c.bytes, sha256: c.sha256, verifiedBy: c.state })));
  const local = checks.some((c) => c.state === 'local-sha256sums');
  return {
    id: id ?? (local ? `${p.name}-local-${sums.checksum.slice(0, 8)}` : p.name),
    name: p.name,
    source: dir,
    ...sums,
    imageShape: p.imageShape,
    numClasses: p.numClasses,
    train,
    test,
  };
}

/** Checks that labels are class indices; `file` names the label source in the error. */
export function checkLabels(labels: Uint8Array, numClasses: number, file: string): void {
  const bad = labels.findIndex((l) => l >= numClasses);
  if (bad >= 0) throw new InputError(`${file}: label ${labels[bad]} at index ${bad} is not a class index 0-${numClasses - 1}`);
}

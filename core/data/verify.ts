/**
 * Checking a dataset file against the published checksums (core/data/checksums.ts), or against a
 * SHA256SUMS file that the user keeps beside files of their own in an official format. A file that
 * matches neither is an InputError naming it: the harness never trains on data it cannot identify.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { InputError, messageOf } from '../util/errors';
import { knownFile } from './checksums';

/** How a file was identified. */
export type CheckState =
  /** Its md5 is the publisher's. */
  | 'published-md5'
  /** Its decompressed content has the published md5 (recompressed, or kept decompressed). */
  | 'published-content-md5'
  /** Not an official file; listed with its sha256 in the directory's SHA256SUMS. */
  | 'local-sha256sums';

/** A verified file. */
export interface FileCheck {
  /** The official name it stands for. */
  file: string;
  /** Where it is. */
  path: string;
  bytes: number;
  sha256: string;
  state: CheckState;
}

/** The name of the checksum list for files of one's own (the output format of `sha256sum`). */
export const LOCAL_SUMS_FILE = 'SHA256SUMS';

export const md5 = (b: Uint8Array): string => crypto.createHash('md5').update(b).digest('hex');
export const sha256 = (b: Uint8Array): string => crypto.createHash('sha256').update(b).digest('hex');

const isGzip = (b: Uint8Array): boolean => b[0] === 0x1f && b[1] === 0x8b;

/** Reads `<dir>/SHA256SUMS` (lines `<hex>  <name>` or `<hex> *<name>`) into name -> sha256, if present. */
export function readLocalSums(dir: string): Map<string, string> | undefined {
  const file = path.join(dir, LOCAL_SUMS_FILE);
  if (!fs.existsSync(file)) return undefined;
  const sums = new Map<string, string>();
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim());
      if (!m) throw new InputError(`${file}, line ${i + 1}: expected "<sha256>  <file name>" (the output of sha256sum)`);
      sums.set(path.basename(m[2]!), m[1]!.toLowerCase());
    });
  return sums;
}

/**
 * Identifies `raw`, the bytes of `filePath`, which stands for official file `file` of `dataset`.
 * Throws an InputError naming the file when it matches neither the published checksums nor `localSums`.
 */
export function checkFile(
  dataset: string,
  file: string,
  filePath: string,
  raw: Uint8Array,
  localSums?: Map<string, string>,
  /** `raw` decompressed, when the caller has it already. */
  decompressed?: Uint8Array,
): FileCheck {
  const known = knownFile(dataset, file);
  const sum = sha256(raw);
  const base = { file, path: filePath, bytes: raw.length, sha256: sum };
  const m = md5(raw);
  if (known && m === known.md5) return { ...base, state: 'published-md5' };
  if (known?.contentMd5) {
    if (m === known.contentMd5) return { ...base, state: 'published-content-md5' };
    if (isGzip(raw)) {
      let content: Uint8Array;
      try {
        content = decompressed ?? zlib.gunzipSync(raw);
      } catch (e) {
        throw new InputError(`${filePath}: corrupt gzip data (${messageOf(e)})`);
      }
      if (md5(content) === known.contentMd5) return { ...base, state: 'published-content-md5' };
    }
  }
  const local = localSums?.get(path.basename(filePath));
  if (local !== undefined) {
    if (local === sum) return { ...base, state: 'local-sha256sums' };
    throw new InputError(
      `${filePath}: checksum mismatch: sha256 ${sum}, but ${path.join(path.dirname(filePath), LOCAL_SUMS_FILE)} lists ${local}`,
    );
  }
  const expected = known
    ? `the published file has md5 ${known.md5}${known.contentMd5 ? ` (decompressed: ${known.contentMd5})` : ''}`
    : 'no published checksum exists for this name';
  throw new InputError(
    `${filePath}: checksum mismatch: md5 ${m}; ${expected}. The file is corrupt or not the official one: ` +
      `delete it and run \`bench data fetch ${dataset}\`, or, for files of your own in this format, ` +
      `list their sha256 in ${path.join(path.dirname(filePath), LOCAL_SUMS_FILE)} (the output of sha256sum)`,
  );
}

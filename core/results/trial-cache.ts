/**
 * The result cache (`--cache-dir`), as benchopt keeps one: a finished trial is stored under a key made
 * of its id (which hashes its whole configuration and seed), the checksum of the data it trained on,
 * the code version (core/env/code-version.ts) and the machine that ran it (CPU model, backend with its
 * package, version and threads). A later run whose trial has the same key takes the stored record
 * instead of training again. Timings are part of a record, so a record from another machine is never
 * reused: a cache shared between machines (a CI cache, an NFS volume) gives each its own entries.
 * Failed trials are not cached (they may be transient). An entry read back is checked against the
 * results schema's trial definition; one that is not valid is a miss, with a warning.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { BackendInfo } from '../backends';
import type { CodeVersion } from '../env/code-version';
import { type Machine, machineOf } from '../env/environment';
import { canonicalJson, stableHash } from '../util/json';
import { describeAjvErrors } from '../plugin/params';
import type { TrialRecord } from '../train/record';
import { writeFileAtomic } from './document';
import resultsSchema from '../schemas/results.schema.json';

/** What must match for a cached record to be reused. */
export interface CacheKey {
  trialId: string;
  datasetChecksum: string;
  codeHash: string;
  machine: Machine;
}

/** The key of trial `trialId` trained on data of `datasetChecksum` by `code` on `backend` on this machine. */
export function cacheKeyOf(trialId: string, datasetChecksum: string, code: CodeVersion, backend: BackendInfo): CacheKey {
  return { trialId, datasetChecksum, codeHash: code.hash, machine: machineOf(backend) };
}

interface CacheEntry {
  key: CacheKey;
  record: TrialRecord;
}

const ajv = new Ajv({ allErrors: true, strict: false, discriminator: true });
ajv.addSchema(resultsSchema, 'results');
const validateTrial = ajv.getSchema('results#/definitions/trial')!;

export class TrialCache {
  /** `warn` hears of entries that cannot be used (not JSON, not a valid trial record, another key). */
  constructor(
    readonly dir: string,
    private readonly warn: (line: string) => void = () => {},
  ) {}

  /** Where the entry of `key` lives. */
  fileOf(key: CacheKey): string {
    const h = stableHash(key, 32);
    return path.join(this.dir, h.slice(0, 2), `${h}.json`);
  }

  /** The cached record of `key`, or undefined: absent, or (with a warning) unreadable, invalid or for another key. */
  get(key: CacheKey): TrialRecord | undefined {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const entry = checkEntry(text, key);
    if ('problem' in entry) this.warn(`warning: cache entry ${file} ${entry.problem}: ignored, the trial runs again`);
    return 'record' in entry ? entry.record : undefined;
  }

  /** Stores `record` (ok and diverged trials only); returns whether it was stored. */
  put(key: CacheKey, record: TrialRecord): boolean {
    if (record.status === 'failed' || record.status === 'timeout') return false; // timeouts depend on the machine's speed
    writeFileAtomic(this.fileOf(key), `${JSON.stringify({ key, record } satisfies CacheEntry)}\n`);
    return true;
  }
}

/** The record of the entry in `text` when it is one for `key` with a valid trial record, else what is wrong. */
function checkEntry(text: string, key: CacheKey): { record: TrialRecord } | { problem: string } {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON' };
  }
  if (!entry || typeof entry !== 'object' || !('key' in entry) || !('record' in entry)) return { problem: 'is not a cache entry (expected {key, record})' };
  const { key: stored, record } = entry as { key: unknown; record: unknown };
  if (canonicalJson(stored) !== canonicalJson(key)) return { problem: 'holds another key' };
  if (!validateTrial(record)) {
    const problems = describeAjvErrors(validateTrial.errors, '$.record').map((i) => `${i.path}: ${i.message}`);
    return { problem: `is not a valid trial record (${problems.join('; ')})` };
  }
  const id = (record as TrialRecord).id;
  return id === key.trialId ? { record: record as TrialRecord } : { problem: `holds trial ${id}, not ${key.trialId}` };
}

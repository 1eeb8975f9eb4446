/**
 * The result cache (`--cache-dir`), as benchopt keeps one: a finished trial is stored under a key made
 * of its id (which hashes its whole configuration and seed), the checksum of the data it trained on,
 * the code version (core/code-version.ts) and the backend that ran it. A later run whose trial has the
 * same key takes the stored record instead of training again. Timings are part of a record, so the
 * backend is part of the key; failed trials are not cached (they may be transient).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stableHash } from './json';
import type { TrialRecord } from './record';
import { writeFileAtomic } from './results';

/** What must match for a cached record to be reused. */
export interface CacheKey {
  trialId: string;
  datasetChecksum: string;
  codeHash: string;
  backend: string;
}

interface CacheEntry {
  key: CacheKey;
  record: TrialRecord;
}

export class TrialCache {
  constructor(readonly dir: string) {}

  /** Where the entry of `key` lives. */
  fileOf(key: CacheKey): string {
    const h = stableHash(key, 32);
    return path.join(this.dir, h.slice(0, 2), `${h}.json`);
  }

  /** The cached record of `key`, or undefined (absent, unreadable or for another key). */
  get(key: CacheKey): TrialRecord | undefined {
    const file = this.fileOf(key);
    let entry: CacheEntry;
    try {
      entry = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry;
    } catch {
      return undefined;
    }
    const k = entry?.key;
    const same = k && k.trialId === key.trialId && k.datasetChecksum === key.datasetChecksum && k.codeHash === key.codeHash && k.backend === key.backend;
    return same && entry.record?.id === key.trialId ? entry.record : undefined;
  }

  /** Stores `record` (ok and diverged trials only); returns whether it was stored. */
  put(key: CacheKey, record: TrialRecord): boolean {
    if (record.status === 'failed' || record.status === 'timeout') return false; // timeouts depend on the machine's speed
    writeFileAtomic(this.fileOf(key), `${JSON.stringify({ key, record } satisfies CacheEntry)}\n`);
    return true;
  }
}

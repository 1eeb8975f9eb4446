/**
 * Reads the two files `bench compare` is given, results or micro results, into one shape: entries
 * keyed by a stable id (a configuration's configId, a micro benchmark's name), each with the values
 * of every metric over its seeds (results) or timed steps (micro).
 */
import type { Environment } from '../env/environment';
import { InputError } from '../util/errors';
import { canonicalJson, readJsonFile } from '../util/json';
import { checkMicro, isMicroDocument } from '../results/micro-document';
import { readResults } from '../results/document';
import type { MetricName } from './metrics';

/** One configuration (or micro benchmark) of a file. */
export interface Entry {
  id: string;
  label: string;
  /** Trials (or 1 for a micro benchmark). */
  total: number;
  /** Trials with status ok (a completed micro benchmark: 1). */
  ok: number;
  /** What happened to the others: `1 diverged`, `errored: ...`. */
  problems: string[];
  /** Values of each metric over the ok trials (micro: over the timed steps). */
  values: Partial<Record<MetricName, number[]>>;
  /** The seed of each value of a results file's metrics (in their order); empty for a micro benchmark. */
  seeds: number[];
}

export interface Comparable {
  file: string;
  kind: 'results' | 'micro';
  /** Suite name, or `micro`. */
  name: string;
  /** What must be equal for two files to compare: the suite as run (description aside) and its datasets' ids and checksums, or the micro workload. */
  identity: unknown;
  environment: Environment;
  createdAt: string;
  /** False for an interrupted run. */
  complete: boolean;
  entries: Map<string, Entry>;
}

/** Reads a results or micro results file; InputError (exit 2) with the reason when it is neither. */
export function loadComparable(file: string): Comparable {
  const raw = readJsonFile(file);
  if (isMicroDocument(raw)) {
    const doc = checkMicro(raw, file);
    const entries = new Map<string, Entry>();
    for (const b of doc.benchmarks) {
      if (entries.has(b.name)) throw new InputError(`${file}: benchmark "${b.name}" appears twice`);
      entries.set(b.name, {
        id: b.name,
        label: b.name,
        total: 1,
        ok: b.state === 'completed' ? 1 : 0,
        problems: b.state === 'errored' ? [`errored: ${b.error}`] : [],
        values: b.state === 'completed' ? { meanMs: b.samplesMs } : {},
        seeds: [],
      });
    }
    return { file, kind: 'micro', name: 'micro', identity: doc.workload, environment: doc.environment, createdAt: doc.createdAt, complete: true, entries };
  }
  const doc = readResults(file);
  const entries = new Map<string, Entry>();
  for (const t of doc.trials) {
    let e = entries.get(t.configId);
    if (!e) {
      e = { id: t.configId, label: t.label, total: 0, ok: 0, problems: [], values: { testAccuracy: [], testLoss: [], trainSeconds: [], samplesPerSecond: [] }, seeds: [] };
      entries.set(t.configId, e);
    }
    e.total++;
    if (t.status === 'ok') {
      e.ok++;
      e.seeds.push(t.seed);
      e.values.testAccuracy!.push(t.final.testAccuracy);
      e.values.testLoss!.push(t.final.testLoss);
      e.values.trainSeconds!.push(t.final.trainSeconds);
      e.values.samplesPerSecond!.push(t.final.samplesPerSecond);
    } else {
      e.problems.push(`seed ${t.seed} ${t.status}`);
    }
  }
  const { description: _description, ...spec } = doc.suite.spec;
  // The data too: a suite's "mnist" may be the full set on one machine and the embedded subset on another.
  const data = (doc.datasets ?? []).map((d) => ({ name: d.name, id: d.id, checksum: d.checksum })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    file,
    kind: 'results',
    name: doc.suite.name,
    identity: { ...spec, data },
    environment: doc.environment,
    createdAt: doc.createdAt,
    complete: doc.complete !== false,
    entries,
  };
}

/** Top-level keys whose values differ between two identities (canonical JSON). */
export function identityDifferences(a: unknown, b: unknown): string[] {
  const ao = (a ?? {}) as Record<string, unknown>;
  const bo = (b ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  return keys.filter((k) => canonicalJson(ao[k]) !== canonicalJson(bo[k]));
}

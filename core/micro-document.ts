/**
 * The micro results document that `bench micro --json` prints and `bench compare` reads, with its
 * schema check. Kept apart from core/micro.ts so that reading one loads no TensorFlow.js.
 *
 * Shape (core/schemas/micro.schema.json):
 *   { kind: "bench-micro", schemaVersion: 1, tool, createdAt,
 *     environment (as in results files, with calibration),
 *     workload: { optimizerWeights: [[5,5,1,6], ...], activationShape: [64,28,28,6] },
 *     options: { time, warmupTime, iterations },
 *     benchmarks: [ { name: "optimizer/adam", group, plugin, params, state: "completed",
 *                     opsPerSecond, meanMs, sdMs, p50Ms, p99Ms, rme, samples, samplesMs: [...] }
 *                 | { name, group, plugin, params, state: "errored", error } ] }
 */
import Ajv from 'ajv';
import type { Params } from './contracts';
import type { Environment } from './environment';
import { InputError } from './errors';
import { readJsonFile } from './json';
import { describeAjvErrors } from './params';
import microSchema from './schemas/micro.schema.json';
import resultsSchema from './schemas/results.schema.json';

export const MICRO_KIND = 'bench-micro';
export const MICRO_SCHEMA_VERSION = 1;

export type MicroGroup = 'optimizer' | 'activation' | 'regularizer';

interface MicroCommon {
  /** `<group>/<plugin>`: the key `bench compare` matches on. */
  name: string;
  group: MicroGroup;
  plugin: string;
  /** The plugin's parameters (its defaults). */
  params: Params;
}

/** A benchmark that ran: tinybench's latency statistics, in ms, and every sample. */
export interface MicroCompleted extends MicroCommon {
  state: 'completed';
  opsPerSecond: number;
  meanMs: number;
  sdMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Relative margin of error of the mean, percent. */
  rme: number;
  samples: number;
  samplesMs: number[];
}

/** A benchmark whose plugin threw: no numbers to read. */
export interface MicroErrored extends MicroCommon {
  state: 'errored';
  error: string;
}

export type MicroBenchmark = MicroCompleted | MicroErrored;

/** Shapes every benchmark of a group works on. */
export interface MicroWorkload {
  optimizerWeights: number[][];
  activationShape: number[];
}

export interface MicroDocument {
  kind: typeof MICRO_KIND;
  schemaVersion: typeof MICRO_SCHEMA_VERSION;
  tool: { name: 'bench'; version: string };
  createdAt: string;
  environment: Environment;
  workload: MicroWorkload;
  options: { time: number; warmupTime: number; iterations?: number };
  benchmarks: MicroBenchmark[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(resultsSchema, 'results');
const validateMicro = ajv.compile(microSchema);

/** Schema problems of a micro document, as `path: message` lines (empty when valid). */
export function microProblems(doc: unknown): string[] {
  return validateMicro(doc) ? [] : describeAjvErrors(validateMicro.errors, '$').map((i) => `${i.path}: ${i.message}`);
}

/** Whether a parsed JSON value claims to be a micro document (it may still be invalid). */
export function isMicroDocument(value: unknown): boolean {
  return Boolean(value && typeof value === 'object' && (value as { kind?: unknown }).kind === MICRO_KIND);
}

/** Checks a parsed micro document; InputError (exit 2) naming the file and the problems otherwise. */
export function checkMicro(doc: unknown, file: string): MicroDocument {
  const v = (doc as { schemaVersion?: unknown }).schemaVersion;
  if (v !== MICRO_SCHEMA_VERSION) throw new InputError(`${file}: micro results schemaVersion ${JSON.stringify(v)} is not supported (this bench reads ${MICRO_SCHEMA_VERSION})`);
  const problems = microProblems(doc);
  if (problems.length > 0) throw new InputError(`${file}: not a valid micro results file\n  ${problems.slice(0, 20).join('\n  ')}`);
  return doc as MicroDocument;
}

/** Reads and checks a micro results file. */
export function readMicro(file: string): MicroDocument {
  return checkMicro(readJsonFile(file), file);
}

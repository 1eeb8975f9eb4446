/**
 * The micro results document that `bench micro --json` prints and `bench compare` reads, with its
 * schema check. Kept apart from core/perf/micro.ts so that reading one loads no TensorFlow.js.
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
import Table from 'cli-table3';
import type { Params } from '../plugin/contracts';
import type { Environment } from '../env/environment';
import { InputError } from '../util/errors';
import { readJsonFile } from '../util/json';
import { describeAjvErrors } from '../plugin/params';
import microSchema from '../schemas/micro.schema.json';
import resultsSchema from '../schemas/results.schema.json';

/** The trainable weights of LeNet-5 (conv1, conv2, conv3 as 5x5 kernels, dense 120-84-10), in order. */
export const LENET5_WEIGHT_SHAPES: number[][] = [[5, 5, 1, 6], [6], [5, 5, 6, 16], [16], [5, 5, 16, 120], [120], [120, 84], [84], [84, 10], [10]];
/** A typical activation: a batch of 64 after LeNet-5's first convolution (NHWC). */
export const ACTIVATION_SHAPE: number[] = [64, 28, 28, 6];

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
  /** 1000 / meanMs. */
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
  /** tinybench's settings: minimum ms and steps per benchmark, and of its warm-up. */
  options: { time: number; warmupTime: number; iterations?: number; warmupIterations?: number };
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

/** The micro results as a table: ops/s, mean, p99, relative margin of error, samples. */
export function formatMicroTable(doc: MicroDocument, opts: { color?: boolean } = {}): string {
  const table = new Table({
    head: ['benchmark', 'ops/s', 'mean ms', 'p99 ms', '± rme', 'samples'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
    style: opts.color === false ? { head: [], border: [] } : undefined,
  });
  const ms = (v: number) => (v < 1 ? v.toFixed(4) : v.toFixed(3));
  for (const b of doc.benchmarks) {
    if (b.state === 'errored') table.push([b.name, { colSpan: 5, content: `errored: ${b.error}` }]);
    else table.push([b.name, b.opsPerSecond.toFixed(1), ms(b.meanMs), ms(b.p99Ms), `${b.rme.toFixed(2)}%`, b.samples]);
  }
  const c = doc.environment.calibration;
  const lines = [
    `backend: ${doc.environment.backend.name}; optimizers step LeNet-5 weights ${JSON.stringify(doc.workload.optimizerWeights)}; activations and regularizers run forward+backward on ${JSON.stringify(doc.workload.activationShape)}`,
    table.toString(),
  ];
  if (c) lines.push(`calibration: ${c.probe} ${c.medianMs.toFixed(3)} ms median (${c.samples} samples, ± ${c.rme.toFixed(1)}%)`);
  return lines.join('\n');
}

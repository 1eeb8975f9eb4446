/**
 * `bench micro` as one call: the built-in plugins plus the modules asked for, the backend, the
 * micro-benchmarks of core/perf/micro.ts, the document checked against its schema and written where
 * asked. It reports through `log` and `onResult` and knows nothing of the command line's parsing or
 * printing (the CLI checks the output path before calling it).
 */
import * as path from 'node:path';
import { type BackendChoice, useBackend } from '../backends';
import { Registry } from '../plugin/registry';
import { type MicroDocument, microProblems } from '../results/micro-document';
import { writeFileAtomic } from '../results/document';
import { BenchError, InputError } from '../util/errors';
import { type MicroOptions, runMicro } from './micro';

export interface MicroRunOptions extends Omit<MicroOptions, 'backend' | 'registry'> {
  backend: BackendChoice;
  /** TensorFlow intra- and inter-op threads (native backend). */
  threads?: number;
  /** Plugin modules to load besides the built-in plugins: paths (from the current folder) or package names. */
  plugins?: readonly string[];
  /** Also write the document to this file (JSON). */
  out?: string;
  /** Notices before the first benchmark: broken plugin modules, the backend taken. */
  log?: (line: string) => void;
}

/**
 * Loads the plugins (a `plugins` module that fails to load or exports something other than plugins is
 * an InputError naming it; a broken built-in module is a warning), loads the backend, runs the micro-benchmarks, checks the document
 * and writes it to `out` when given; returns it.
 */
export async function benchmarkPlugins(opts: MicroRunOptions): Promise<MicroDocument> {
  const { backend: requested, threads, plugins = [], out, log = () => {}, ...micro } = opts;
  const registry = Registry.builtIn();
  for (const spec of plugins) {
    const err = registry.loadExternal(spec, process.cwd());
    if (err) throw new InputError(`--plugin ${spec}: ${err}`);
  }
  for (const b of registry.broken) log(`warning: plugin module ${b.source} is broken: ${b.error}`);
  const backend = await useBackend(requested, { threads });
  log(`backend: ${backend.name} (${backend.package})`);
  const doc = await runMicro({ ...micro, backend, registry });
  const problems = microProblems(doc);
  if (problems.length > 0) throw new BenchError(`internal error: micro results do not match the schema:\n  ${problems.join('\n  ')}`, 1);
  if (out) writeFileAtomic(path.resolve(out), `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}

/**
 * `bench plugin check PATH|PACKAGE`'s library side: the module loaded as a suite would load it (the
 * registry's loader: TypeScript, ESM, CommonJS, a package), every plugin it exports put through
 * checkPlugin on the exact cpu backend, and the outcome as a table. A module that is not there is bad
 * input (InputError); one that does not load, or exports no plugin, is a failed check (exit 1).
 */
import Table from 'cli-table3';
import { useBackend } from '../../backends';
import { Registry } from '../../plugin/registry';
import { BenchError, InputError } from '../../util/errors';
import { checkPlugin } from './index';
import { readReferenceFile } from './reference';
import type { CheckResult } from './types';

/** What `bench plugin check` was given. */
export interface ModuleCheckOptions {
  /** Where a relative path or a package name is looked up from; default the working directory. */
  baseDir?: string;
  /** A reference trajectory file to compare optimizers with. */
  reference?: string;
  /** Largest relative error against the reference (default 1e-5). */
  tolerance?: number;
}

/** The module checked, the plugins it exports, and every check's outcome. */
export interface ModuleCheck {
  spec: string;
  file: string;
  plugins: string[];
  results: CheckResult[];
}

/** Loads `spec` and runs every conformance check of every plugin it exports. */
export async function checkPluginModule(spec: string, opts: ModuleCheckOptions = {}): Promise<ModuleCheck> {
  const reference = opts.reference !== undefined ? readReferenceFile(opts.reference, opts.tolerance) : undefined;
  await useBackend('cpu');
  const registry = new Registry();
  const loaded = registry.loadFrom(spec, opts.baseDir ?? process.cwd());
  if ('error' in loaded) {
    if (loaded.file === undefined) throw new InputError(`${spec}: ${loaded.error}`);
    throw new BenchError(`${spec}: ${loaded.file}: ${loaded.error}`, 1);
  }
  const results = loaded.plugins.flatMap((p) => checkPlugin(p, { source: loaded.file, ...(reference ? { reference } : {}) }));
  return { spec, file: loaded.file, plugins: loaded.plugins.map((p) => `${p.kind} ${p.name}`), results };
}

/** Whether every check passed (or was skipped). */
export const allPassed = (c: ModuleCheck) => c.results.every((r) => r.status !== 'failed');

/** The table `bench plugin check` prints: one row per check, then a count. */
export function formatModuleCheck(c: ModuleCheck): string {
  const table = new Table({ head: ['plugin', 'check', 'result', 'detail'], style: { head: [], border: [] } });
  for (const r of c.results) table.push([`${r.kind} ${r.plugin}`, r.check, r.status === 'failed' ? 'FAILED' : r.status, r.detail ?? '']);
  const count = (s: CheckResult['status']) => c.results.filter((r) => r.status === s).length;
  const failed = count('failed');
  return [
    `${c.file}: ${c.plugins.join(', ')} (cpu backend)`,
    table.toString(),
    `${c.results.length} checks: ${count('passed')} passed, ${failed} failed, ${count('skipped')} skipped`,
  ].join('\n');
}

/**
 * Plugin conformance: the checks every shipped plugin passes, as a library, so that the jest conformance
 * test (plugins/conformance.test.ts) and `bench plugin check` run the same code on built-in and outside
 * plugins alike. Each check returns passed, failed with what was wrong, or skipped with why; a check that
 * throws fails with the error. The checks per kind are in ./common.ts (schema, doc comment),
 * ./optimizer.ts (steps through the harness's own updater), ./kinds.ts (initializers, activations,
 * regularizers) and ./reference.ts (a reference trajectory file). They need a backend set (the cpu one
 * is exact); printing belongs to the caller.
 */
import type { Plugin } from '../../plugin/contracts';
import { messageOf } from '../../util/errors';
import { docCommentCheck, schemaCheck } from './common';
import { kindChecks } from './kinds';
import { optimizerChecks } from './optimizer';
import { referenceChecks, type ReferenceFile } from './reference';
import type { Check, CheckResult, Outcome } from './types';

export type { Check, CheckResult, Outcome } from './types';
export type { ReferenceFile, ReferenceCase } from './reference';
export { readReferenceFile, trajectoryError } from './reference';

/** What `checkPlugin` may be told besides the plugin. */
export interface CheckOptions {
  /** The file the plugin was loaded from: its opening doc comment is checked. */
  source?: string;
  /** Reference trajectories (tools/torch_trajectory.py's golden or run output) to compare an optimizer with. */
  reference?: ReferenceFile;
}

/** Every conformance check of `plugin`, in order. Never throws. */
export function checkPlugin(plugin: Plugin, opts: CheckOptions = {}): CheckResult[] {
  const checks: Check[] = [schemaCheck(plugin), docCommentCheck(opts.source)];
  if (plugin.kind === 'optimizer') {
    checks.push(...optimizerChecks(plugin));
    if (opts.reference) checks.push(...referenceChecks(plugin, opts.reference));
  } else {
    checks.push(...kindChecks(plugin));
  }
  return checks.map((c) => ({ plugin: plugin.name, kind: plugin.kind, check: c.check, ...outcome(c) }));
}

function outcome(c: Check): Pick<CheckResult, 'status' | 'detail'> {
  let o: Outcome;
  try {
    o = c.run();
  } catch (e) {
    return { status: 'failed', detail: `threw: ${messageOf(e)}` };
  }
  if (o === undefined) return { status: 'passed' };
  if (typeof o === 'string') return { status: 'passed', detail: o };
  return 'failed' in o ? { status: 'failed', detail: o.failed } : { status: 'skipped', detail: o.skipped };
}

/** The shapes of conformance checks and their results (./index.ts runs them); no checks here. */
import type { Plugin } from '../../plugin/contracts';

/** How one check came out. */
export interface CheckResult {
  plugin: string;
  kind: Plugin['kind'];
  /** What was checked, in a few words (`no tensor leak over 100 steps`). */
  check: string;
  status: 'passed' | 'failed' | 'skipped';
  /** What went wrong, why it was skipped, or what was measured. */
  detail?: string;
}

/** A check's outcome: undefined or a string for passed (the string what was measured), or failed/skipped. */
export type Outcome = void | string | { failed: string } | { skipped: string };

/** A check before it is attributed to a plugin: its name and a function giving its outcome. */
export interface Check {
  check: string;
  run(): Outcome;
}

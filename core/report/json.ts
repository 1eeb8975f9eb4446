/**
 * The report as JSON, for scripts: the ranking with its statistics (as in a results document's
 * `ranking`), how it was ranked, the performance profiles and the critical-difference test when there are several workloads, where
 * each results file ran, and what was pooled (each file's trials, backend and code). Documented in docs/results-schema.md ("bench report --format json").
 */
import { describeTests } from '../analysis/ranking';
import type { Report } from './model';

/** Version of the report JSON's shape; changes when a field changes meaning or is removed. */
export const REPORT_JSON_VERSION = 1;

export function jsonReport(report: Report): string {
  const finite = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  const doc = {
    reportVersion: REPORT_JSON_VERSION,
    title: report.title,
    files: report.sources.map(({ file, doc }) => ({
      file,
      suite: doc.suite.name,
      createdAt: doc.createdAt,
      complete: doc.complete ?? true,
      tool: doc.tool,
      environment: doc.environment,
    })),
    rankBy: report.rankBy,
    target: report.target ?? null,
    alpha: report.alpha,
    test: describeTests(report.stats),
    testChoice: report.stats.test,
    correction: report.stats.correction,
    interval: report.stats.interval,
    note: report.note,
    ranking: report.ranking,
    profiles: report.profiles ?? null,
    criticalDifference: report.criticalDifference ?? null,
    pooled: report.pooled,
  };
  // Infinity (a failed workload's performance ratio) has no JSON form: null.
  return `${JSON.stringify(doc, finite, 2)}\n`;
}

/**
 * `bench report`'s library: one results file or several, in one of six formats, to stdout or a file,
 * and optionally every plot as an SVG file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BenchError, messageOf } from '../util/errors';
import { writeFileAtomic } from '../results/document';
import { csvReport, epochsCsv, trialsCsv, trialsCsvPath } from './csv';
import { htmlReport, renderPlots } from './html';
import { jsonReport } from './json';
import { latexReport } from './latex';
import { markdownReport } from './markdown';
import { describeRun, loadReport, type Report, type ReportStats } from './model';
import { rankingTable } from './table';

export { buildReport, loadReport, type Report, type ReportStats } from './model';

export const REPORT_FORMATS = ['table', 'markdown', 'latex', 'csv', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  format: ReportFormat;
  /** Write here instead of returning the text (csv: also the per-trial table beside it). */
  out?: string;
  /** Write every plot as `<name>.svg` into this folder. */
  svgDir?: string;
  /** Colours in the terminal table. */
  color?: boolean;
  /** The ranking's statistics (tests, correction, intervals, alpha; core/analysis/rank-options.ts has the defaults) and the diagram's post-hoc test. */
  stats?: ReportStats;
}

export interface ReportOutput {
  /** The report text, when it is not written to a file. */
  text?: string;
  /** Files written, in order. */
  written: string[];
  /** The report's warnings (files pooled from different backends or code), for stderr. */
  warnings: string[];
}

/** The ranked terminal table with its note and run line under it. */
export function tableReport(report: Report, color = false): string {
  return `${rankingTable(report.ranking, { color })}\n${report.note}\n${describeRun(report)}\n`;
}

/** Renders `report` as `opts.format`; writes the files asked for. */
export async function produceReport(report: Report, opts: ReportOptions): Promise<ReportOutput> {
  const written: string[] = [];
  const needPlots = opts.format === 'html' || opts.svgDir !== undefined;
  const plots = needPlots ? await renderPlots(report) : [];
  if (opts.svgDir) {
    try {
      fs.mkdirSync(opts.svgDir, { recursive: true });
    } catch (e) {
      throw new BenchError(`cannot create ${opts.svgDir}: ${messageOf(e)}`, 1);
    }
    for (const p of plots) {
      const file = path.join(opts.svgDir, `${p.plot.name}.svg`);
      writeFileAtomic(file, p.svg);
      written.push(file);
    }
  }
  if (opts.format === 'csv' && opts.out) {
    const trialsFile = trialsCsvPath(opts.out);
    writeFileAtomic(opts.out, epochsCsv(report));
    writeFileAtomic(trialsFile, trialsCsv(report));
    return { written: [...written, opts.out, trialsFile], warnings: report.warnings };
  }
  const text = (() => {
    switch (opts.format) {
      case 'table':
        return tableReport(report, opts.color ?? false);
      case 'markdown':
        return markdownReport(report);
      case 'latex':
        return latexReport(report);
      case 'csv':
        return csvReport(report);
      case 'html':
        return htmlReport(report, plots);
      case 'json':
        return jsonReport(report);
    }
  })();
  if (opts.out) {
    writeFileAtomic(opts.out, text);
    return { written: [...written, opts.out], warnings: report.warnings };
  }
  return { text, written, warnings: report.warnings };
}

/** Reads `files` and produces their report (the whole of `bench report`). */
export async function reportFiles(files: readonly string[], opts: ReportOptions): Promise<ReportOutput> {
  return produceReport(loadReport(files, opts.stats), opts);
}

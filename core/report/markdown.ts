/** The ranked table as GitHub-flavoured Markdown, for READMEs and pull-request comments. */
import type { RankEntry } from '../analysis/ranking';
import type { Summary } from '../analysis/stats';
import { bestEntries, meanSd, rankColumns } from './format';
import { describeRun, type Report } from './model';

/** Escapes the characters Markdown would read as table or emphasis syntax. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\|*_`<>[\]]/g, (c) => `\\${c}`);
}

/**
 * A heading, the ranked table (the best cells in bold, as in the LaTeX table), the ranking note and
 * one line on what was run where.
 */
export function markdownReport(report: Report): string {
  const cols = rankColumns(report.ranking);
  const bold = cols.map((c) => bestEntries(report.ranking, c, report.rankBy));
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    `### ${escapeMarkdown(report.title)}`,
    '',
    row(cols.map((c) => c.head)),
    row(cols.map((c) => (c.align === 'right' ? '---:' : ':---'))),
    ...report.ranking.map((e) =>
      row(
        cols.map((c, i) => {
          const text = c.key === 'configuration' ? escapeMarkdown(c.cell(e)) : c.cell(e);
          return bold[i]!.has(e) ? `**${text}**` : text;
        }),
      ),
    ),
    '',
    ...report.note.split('\n').flatMap((l) => [l, '']),
    `Bold: the best mean of each column; in the ranked column, every configuration that shares rank 1.`,
    '',
    ...referenceLines(report),
    `_${escapeMarkdown(describeRun(report))}_`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The metrics a suite's `reference` can be compared on: our summary, its scale and decimals in the table. */
const REFERENCE_METRICS: Record<string, { head: string; scale: number; digits: number; summary(e: RankEntry): Summary | null }> = {
  testAccuracy: { head: 'test acc %', scale: 100, digits: 2, summary: (e) => e.testAccuracy },
  trainSeconds: { head: 'train s', scale: 1, digits: 1, summary: (e) => e.trainSeconds },
  samplesPerSecond: { head: 'samples/s', scale: 1, digits: 0, summary: (e) => e.samplesPerSecond },
};

/**
 * The published figures of the suites' `reference` blocks beside ours, one table per metric:
 * configuration, ours (mean ± sd over seeds), published (a value or a low–high range) and ours minus
 * published (for a range: "within" inside it, else the distance to its nearer end). Configurations are matched
 * by label; a published one we did not run shows ours as a dash. Empty when no suite has a reference;
 * metrics we do not summarise are left out.
 */
export function referenceLines(report: Report): string[] {
  const refs = report.sources.flatMap(({ doc }) => (doc.suite.spec.reference ? [doc.suite.spec.reference] : []));
  if (refs.length === 0) return [];
  const lines: string[] = [`#### Published figures: ${escapeMarkdown([...new Set(refs.map((r) => r.source))].join('; '))}`, ''];
  for (const note of new Set(refs.flatMap((r) => (r.notes ? [r.notes] : [])))) lines.push(escapeMarkdown(note), '');
  for (const [metric, info] of Object.entries(REFERENCE_METRICS)) {
    const published = new Map<string, number | [number, number]>();
    for (const r of refs) {
      const figures = r[metric];
      if (typeof figures === 'object') for (const [label, v] of Object.entries(figures)) published.set(label, v);
    }
    if (published.size === 0) continue;
    const fmt = (x: number) => (x * info.scale).toFixed(info.digits);
    lines.push(`| configuration | ours ${info.head} | published | ours − published |`, '| :--- | ---: | ---: | ---: |');
    const ranked = report.ranking.filter((e) => published.has(e.label));
    const rows: Array<[string, Summary | null, number | [number, number]]> = [
      ...ranked.map((e): [string, Summary | null, number | [number, number]] => [e.label, info.summary(e), published.get(e.label)!]),
      ...[...published].filter(([label]) => !ranked.some((e) => e.label === label)).map(([label, v]): [string, null, number | [number, number]] => [label, null, v]),
    ];
    for (const [label, ours, pub] of rows) {
      const [lo, hi] = typeof pub === 'number' ? [pub, pub] : pub;
      const diff = !ours ? '—' : ours.mean < lo ? ours.mean - lo : ours.mean > hi ? ours.mean - hi : lo === hi ? 0 : 'within';
      const diffText = typeof diff === 'string' ? diff : Number(fmt(diff)) === 0 ? fmt(0) : `${diff > 0 ? '+' : ''}${fmt(diff)}`;
      lines.push(`| ${escapeMarkdown(label)} | ${meanSd(ours, info.digits, info.scale)} | ${lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`} | ${diffText} |`);
    }
    lines.push('');
  }
  return lines;
}

/** The ranked table as GitHub-flavoured Markdown, for READMEs and pull-request comments. */
import { bestEntries, rankColumns } from './format';
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
    `_${escapeMarkdown(describeRun(report))}_`,
  ];
  return `${lines.join('\n')}\n`;
}

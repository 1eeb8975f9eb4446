/**
 * The critical-difference diagram (core/report/cd-layout.ts) as a TikZ picture for the LaTeX report
 * (needs `\usepackage{tikz}`), in a `figure` float with the test's caption. Drawing only: the test
 * is core/analysis/critical-difference.ts, escaping the caller's.
 */
import { type CriticalDifference, describeCriticalDifference } from '../analysis/critical-difference';
import { cdLayout } from './cd-layout';

/** Width of the rank axis and height of a row, in cm. */
const WIDTH = 8;
const ROW = 0.45;

/** The figure; `text` escapes and typesets prose, `escape` escapes a label. */
export function cdTikz(c: CriticalDifference, text: (s: string) => string, escape: (s: string) => string): string[] {
  const layout = cdLayout(c);
  const x = (r: number) => (((layout.k - r) / (layout.k - 1)) * WIDTH).toFixed(3);
  const y = (row: number) => (-row * ROW).toFixed(3);
  const anchor = { left: 'east', right: 'west', centre: 'center' } as const;
  return [
    '\\begin{figure}[t]',
    '\\centering',
    '\\begin{tikzpicture}',
    ...layout.segments.map((s) => `\\draw[${s.kind === 'bar' ? 'line width=2pt' : 'thin'}] (${x(s.x)},${y(s.y)}) -- (${x(s.x2)},${y(s.y2)});`),
    ...layout.labels.map((l) => `\\node[anchor=${anchor[l.side]},font=\\footnotesize] at (${x(l.x)},${y(l.y)}) {${escape(l.text)}};`),
    '\\end{tikzpicture}',
    `\\caption{${text(describeCriticalDifference(c))}}`,
    '\\end{figure}',
  ];
}

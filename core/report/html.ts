/**
 * The HTML report: one self-contained file (inline CSS, the plots inlined as SVG, no script, nothing
 * fetched) with the ranked table and its note, the learning curves, final accuracy over seeds, the
 * best configuration's confusion matrix, performance profiles and the critical-difference diagram when
 * there are several workloads, and
 * the environment of every results file.
 */
import { bestEntries, rankColumns } from './format';
import { describeRun, type Report } from './model';
import { type Plot, reportPlots } from './plots';
import { renderSvg } from './render-svg';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A rendered plot: its spec's name and title, and the SVG document. */
export interface RenderedPlot {
  plot: Plot;
  svg: string;
}

/** Renders every plot of `report` to SVG (ids prefixed per plot so they can share one page). */
export async function renderPlots(report: Report): Promise<RenderedPlot[]> {
  const out: RenderedPlot[] = [];
  for (const [i, plot] of reportPlots(report).entries()) out.push({ plot, svg: await renderSvg(plot.spec, `p${i}-`) });
  return out;
}

const CSS = `
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #222; margin: 2em auto; max-width: 1240px; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; }
.run { color: #555; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { padding: .25em .6em; border-bottom: 1px solid #e5e5e5; vertical-align: top; }
thead th { border-bottom: 2px solid #444; text-align: left; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #444; font-size: .92em; max-width: 60em; }
.plots { display: flex; flex-wrap: wrap; gap: 1.5em; }
figure { margin: 0; } figcaption { color: #555; font-size: .88em; max-width: 560px; }
.env th { text-align: left; color: #555; font-weight: normal; } .env td { font-family: monospace; }
`;

function rankedTableHtml(report: Report): string {
  const cols = rankColumns(report.ranking);
  const bold = cols.map((c) => bestEntries(report.ranking, c, report.rankBy));
  const cls = (a: string) => (a === 'right' ? ' class="r"' : '');
  const head = cols.map((c) => `<th${cls(c.align)}>${escapeHtml(c.head)}</th>`).join('');
  const body = report.ranking
    .map(
      (e) =>
        `<tr>${cols
          .map((c, i) => {
            const text = escapeHtml(c.cell(e));
            return `<td${cls(c.align)}>${bold[i]!.has(e) ? `<b>${text}</b>` : text}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const note = report.note
    .split('\n')
    .concat('Bold: the best mean of each column; in the ranked column, every configuration that shares rank 1.')
    .map((l) => escapeHtml(l))
    .join('<br>');
  return `<table class="ranking"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>\n<p class="note">${note}</p>`;
}

function environmentHtml(report: Report): string {
  return report.sources
    .map(({ file, doc }) => {
      const env = doc.environment;
      const b = env.backend;
      const rows: Array<[string, string]> = [
        ['results file', file],
        ['suite', `${doc.suite.name} (${doc.suite.file})`],
        ['created', doc.createdAt],
        ['complete', String(doc.complete ?? true)],
        ['bench', doc.tool.version],
        ['git commit', env.gitCommit ?? '—'],
        ['node', env.node],
        ['tfjs', env.tfjs],
        ['backend', `${b.name} (${b.package}${b.threads ? `, ${b.threads} thread${b.threads > 1 ? 's' : ''}` : ''}; requested ${b.requested})`],
        ['cpu', `${env.cpu}, ${env.cores} cores`],
        ['memory', `${env.memoryGB} GB`],
        ['os', env.os],
        ['host', env.hostname ?? '— (a shareable copy)'],
        ...(doc.datasets ?? []).map((d): [string, string] => [`dataset ${d.name}`, `${d.id}, sha256 ${d.checksum}`]),
        ...(b.notes ?? []).map((n, i): [string, string] => [i === 0 ? 'backend notes' : '', n]),
      ];
      return `<table class="env">${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
    })
    .join('\n');
}

function figure(r: RenderedPlot): string {
  // The SVG document's XML prologue (if any) does not belong inside HTML.
  const svg = r.svg.replace(/^<\?xml[^>]*>\s*/, '');
  return `<figure id="plot-${r.plot.name}" data-plot="${escapeHtml(r.plot.name)}">${svg}<figcaption>${escapeHtml(r.plot.caption)}</figcaption></figure>`;
}

/** The whole page; `plots` from renderPlots(report). */
export function htmlReport(report: Report, plots: readonly RenderedPlot[]): string {
  const byName = new Map(plots.map((p) => [p.plot.name, p]));
  const section = (title: string, names: string[]) => {
    const figs = names.flatMap((n) => (byName.has(n) ? [figure(byName.get(n)!)] : []));
    return figs.length ? `<h2>${escapeHtml(title)}</h2>\n<div class="plots">\n${figs.join('\n')}\n</div>` : '';
  };
  const confusion = byName.get('confusion-best');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench report: ${escapeHtml(report.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<p class="run">${escapeHtml(describeRun(report))}</p>
<h2>Ranking</h2>
${rankedTableHtml(report)}
${section('Learning curves', ['loss-vs-epoch', 'accuracy-vs-epoch', 'loss-vs-seconds', 'accuracy-vs-seconds'])}
${section('Final test accuracy over seeds', ['final-accuracy'])}
${confusion ? section('Confusion matrix of the best configuration', ['confusion-best']) : ''}
${section('Across workloads: performance profiles and critical differences', ['performance-profile', 'critical-difference'])}
<h2>Environment</h2>
${environmentHtml(report)}
<p class="note">Generated by bench from ${escapeHtml(report.sources.map((s) => s.file).join(', '))}. Plots: Vega-Lite, rendered to SVG.</p>
</body>
</html>
`;
}

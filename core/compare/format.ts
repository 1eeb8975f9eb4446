/** Renders a comparison: a terminal table (cli-table3), GitHub-flavoured Markdown, or JSON. */
import Table from 'cli-table3';
import { createColors } from 'picocolors';
import { type Comparison, type ComparisonRow, FAILING, type Verdict } from './compare';
import { formatChange, formatValue, type MetricDef, MICRO_METRICS, RESULTS_METRICS } from './metrics';

/** Always on: formatTable's caller decides (`color`, from NO_COLOR / FORCE_COLOR / TERM and the terminal). */
const pc = createColors(true);

const DEFS: Record<string, MetricDef> = { ...RESULTS_METRICS, ...MICRO_METRICS };

/** Column heads; the first names what is compared: a suite's configurations or micro benchmarks. */
const head = (c: Comparison) => [c.kind === 'micro' ? 'benchmark' : 'configuration', 'metric', 'baseline', 'current', 'change', 'p', 'verdict'];

function value(row: ComparisonRow, side: 'baseline' | 'current'): string {
  const s = row[side];
  const def = DEFS[row.metric];
  if (!s || !def) return '—';
  return `${formatValue(def, s.mean, s.n > 1 ? s.sd : undefined)} (n=${s.n})`;
}

function change(row: ComparisonRow): string {
  const def = DEFS[row.metric];
  if (row.change === undefined || !def) return row.detail ?? '';
  const text = formatChange(def.kind, row.change);
  return row.rawChange !== undefined ? `${text} (raw ${formatChange(def.kind, row.rawChange)})` : text;
}

function pValue(row: ComparisonRow): string {
  if (row.thresholdOnly) return 'threshold only';
  if (!row.test) return '';
  return row.test.p < 0.001 ? '<0.001' : row.test.p.toFixed(3);
}

const metricTitle = (row: ComparisonRow) => (row.metric === 'status' ? 'trials' : (DEFS[row.metric]?.title ?? row.metric));

function cells(row: ComparisonRow, mark: (v: Verdict) => string): string[] {
  return [row.label, metricTitle(row), value(row, 'baseline'), value(row, 'current'), change(row), pValue(row), mark(row.verdict)];
}

/** One line saying what was compared and under which thresholds. */
function thresholdsLine(c: Comparison): string {
  const t = c.thresholds;
  const accuracy =
    t.nonInferiority !== undefined
      ? `accuracy: non-inferiority within ${t.nonInferiority} pts (one-sided: paired t-test where the ok seeds match, Welch's otherwise)`
      : `accuracy drop ${t.maxAccuracyDrop} pts`;
  return `thresholds: slowdown ${(t.maxSlowdown * 100).toFixed(1)}%, ${accuracy}, loss increase ${(t.maxLossIncrease * 100).toFixed(1)}%; Welch's t-test, alpha ${t.alpha}`;
}

function headline(c: Comparison): string {
  if (c.regressions === 0) return 'no regression';
  const regressions = c.rows.filter((r) => r.verdict === 'regression').length;
  const notShown = c.regressions - regressions;
  const parts = [regressions > 0 ? `${regressions} regression${regressions > 1 ? 's' : ''}` : '', notShown > 0 ? `${notShown} not shown non-inferior` : ''];
  return parts.filter(Boolean).join(', ');
}

/** The terminal table, then the notes and the verdict. */
export function formatTable(c: Comparison, opts: { color?: boolean } = {}): string {
  const table = new Table({
    head: head(c),
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
    style: opts.color === false ? { head: [], border: [] } : undefined,
  });
  const paint = (v: Verdict) => {
    if (opts.color === false) return v;
    if (FAILING.includes(v)) return pc.red(v);
    if (v === 'improved' || v === 'non-inferior') return pc.green(v);
    return v;
  };
  for (const r of c.rows) table.push(cells(r, paint));
  const lines = [`baseline: ${c.baseline.file}`, `current:  ${c.current.file}`, table.toString(), thresholdsLine(c)];
  for (const n of c.notes) lines.push(`note: ${n}`);
  lines.push(`result: ${headline(c)}`);
  return lines.join('\n');
}

const md = (s: string) => s.replace(/\|/g, '\\|');

/** Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY. */
export function formatMarkdown(c: Comparison): string {
  const icon = c.regressions > 0 ? '❌' : '✅';
  const what = c.kind === 'micro' ? 'micro-benchmarks' : `suite \`${md(c.current.name)}\``;
  const commit = (x: Comparison['baseline']) => (x.gitCommit ? ` @ \`${x.gitCommit.slice(0, 10)}\`` : '');
  const lines = [
    `### ${icon} bench compare: ${headline(c)}`,
    '',
    `${what}: baseline \`${md(c.baseline.file)}\`${commit(c.baseline)} vs current \`${md(c.current.file)}\`${commit(c.current)}`,
    '',
    `| ${head(c).join(' | ')} |`,
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  ];
  const mark = (v: Verdict) => (FAILING.includes(v) ? `❌ **${v}**` : v === 'improved' || v === 'non-inferior' ? `✅ ${v}` : v);
  for (const r of c.rows) lines.push(`| ${cells(r, mark).map(md).join(' | ')} |`);
  lines.push('', `<sub>${md(thresholdsLine(c))}</sub>`);
  if (c.notes.length > 0) lines.push('', ...c.notes.map((n) => `- ${md(n)}`));
  return lines.join('\n');
}

/** The comparison as JSON (every number, for scripts). */
export function formatJson(c: Comparison): string {
  return JSON.stringify({ ...c, exitCode: c.regressions > 0 ? 1 : 0 }, null, 2);
}

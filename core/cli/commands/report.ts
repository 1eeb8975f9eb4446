/** `bench report`: calls core/report reportFiles, prints the report or the files it wrote. */
import type { ReportFormat } from '../../report';
import type { PostHoc } from '../../analysis/friedman';
import { POST_HOCS } from '../../analysis/rank-options';
import type { CommandModule } from '../command';
import { outputFileOption, outputFolderOption } from '../options';
import { type StatsArgs, statsOf, statsOptions } from '../stats-options';

interface Args extends StatsArgs {
  results: string[];
  format: ReportFormat;
  out?: string;
  svgDir?: string;
  posthoc: PostHoc;
}

const FORMATS: readonly ReportFormat[] = ['table', 'markdown', 'latex', 'csv', 'html', 'json'];

const report: CommandModule<Args> = {
  command: 'report <results..>',
  describe: 'Statistics over seeds, the ranking and plots of one or more results files, as a table, Markdown, LaTeX, CSV, HTML or JSON',
  builder: (y) => {
    statsOptions(y);
    y.positional('results', { type: 'string', array: true, describe: 'results JSON files (trials are merged)' });
    y.option('format', { alias: 'f', choices: FORMATS, default: 'table' as ReportFormat, describe: 'output format' });
    y.option('posthoc', { choices: POST_HOCS, default: 'nemenyi' as PostHoc, describe: "across workloads: the critical-difference diagram's post-hoc test after Friedman's (Demšar 2006)" });
    outputFileOption(y, 'out', { alias: 'o', describe: 'write to this file instead of stdout (csv: also FILE.trials.csv)' });
    return outputFolderOption(y, 'svg-dir', 'also write every plot as an SVG file into this folder')
      .example('$0 report results/quick.json', 'the ranked table')
      .example('$0 report results/quick.json -f html -o report.html --svg-dir figures', 'HTML report, plots as SVG too')
      .example('$0 report results/quick.json -f latex -o table.tex', 'booktabs table for a paper')
      .example('$0 report results/quick.json -f csv -o quick.csv', 'quick.csv (per epoch) and quick.trials.csv')
      .example('$0 report results/quick.json --test wilcoxon --correction none --interval t', 'other statistics (docs/statistics.md)');
  },
  async run(args, io) {
    const { reportFiles } = await import('../../report');
    const out = await reportFiles(args.results, { format: args.format, out: args.out, svgDir: args.svgDir, color: io.color === true, stats: { ...statsOf(args), postHoc: args.posthoc } });
    for (const w of out.warnings) io.err(`warning: ${w}`);
    if (out.text !== undefined) io.out(out.text.replace(/\n$/, ''));
    for (const f of out.written) io.err(`wrote ${f}`);
    return 0;
  },
};

export default report;

/**
 * The critical-difference diagram of a report across workloads, on hand-checked numbers: three
 * optimizers on three workloads, adam first on each, sgd 2, 3, 2 and rmsprop 3, 2, 3: mean ranks 1,
 * 7/3, 8/3; Friedman χ² = 12·3/(3·4) · (1 + 49/9 + 64/9 - 12) = 14/3, and with 2 df its p is
 * exp(-χ²/2) = 0.0970; Iman-Davenport F = 2 · (14/3) / (6 - 14/3) = 7 on (2, 4) df, whose p is
 * (1 + 2F/4)^-2 = 1/20.25 = 0.0494; Nemenyi's CD = 2.3437 · √(3·4 / (6·3)) = 1.9137, wider than every
 * difference, so one group holds all three.
 */
import * as path from 'node:path';
import { tempWriter } from '../../test/helpers';
import { memoryIO } from '../cli/io';
import { main } from '../cli/main';
import { seeds } from '../../test/fixtures/make-trial';
import { rankConfigurations } from '../analysis/ranking';
import { readResults } from '../results/document';
import { htmlReport, renderPlots } from './html';
import { jsonReport } from './json';
import { latexReport } from './latex';
import { buildReport } from './model';

const FIXTURE = path.join(__dirname, '..', '..', 'test/fixtures/results-small.json');
const accuracies: Record<string, Record<string, number>> = {
  mnist: { adam: 0.99, sgd: 0.98, rmsprop: 0.97 },
  fashion: { adam: 0.9, sgd: 0.88, rmsprop: 0.89 },
  cifar: { adam: 0.7, sgd: 0.65, rmsprop: 0.6 },
};
const trials = Object.entries(accuracies).flatMap(([dataset, accs]) =>
  Object.entries(accs).flatMap(([opt, a]) => seeds(opt, [a, a + 0.001], { dataset, label: `${opt} ${dataset}` })),
);
const doc = readResults(FIXTURE);
const source = { file: 'three.json', doc: { ...doc, trials, ranking: rankConfigurations(trials) } };

describe('the critical-difference diagram', () => {
  it('ranks the solvers across workloads and tests them (Friedman, Nemenyi)', () => {
    const cd = buildReport([source]).criticalDifference!;
    expect(cd.solvers.map((s) => [s.label, s.meanRank])).toEqual([
      ['adam', 1],
      ['sgd', 7 / 3],
      ['rmsprop', 8 / 3],
    ]);
    expect(cd.friedman.chiSquare).toBeCloseTo(14 / 3, 12);
    expect(cd.friedman.p).toBeCloseTo(Math.exp(-7 / 3), 12);
    expect(cd.friedman.f).toBeCloseTo(7, 12);
    expect(cd.friedman.fDf).toEqual([2, 4]);
    expect(cd.friedman.fP).toBeCloseTo(1 / 20.25, 12);
    expect(cd.cd).toBeCloseTo(2.343700586378409 * Math.sqrt(12 / 18), 8);
    expect(cd.groups).toEqual([[0, 2]]);
    expect(buildReport([source], { postHoc: 'holm' }).criticalDifference).toMatchObject({ postHoc: 'holm', groups: [[0, 2]] });
  });

  it('is drawn as SVG beside the performance profiles, and typeset in LaTeX and JSON', async () => {
    const report = buildReport([source]);
    const plots = await renderPlots(report);
    const svg = plots.find((p) => p.plot.name === 'critical-difference')!;
    expect(svg.svg).toMatch(/^<svg/);
    for (const label of ['adam (1.00)', 'sgd (2.33)', 'rmsprop (2.67)', 'CD = 1.91']) expect(svg.svg).toContain(label);
    const html = htmlReport(report, plots);
    expect(html).toMatch(/<h2>Across workloads: performance profiles and critical differences<\/h2>\n<div class="plots">\n<figure id="plot-performance-profile"[^]*<figure id="plot-critical-difference"/);
    expect(html).toContain('Friedman χ² = 4.67 (2 df, p = 0.097); Iman-Davenport F = 7.00 (2, 4 df, p = 0.049): the configurations differ.');
    const tex = latexReport(report);
    expect(tex).toContain('\\begin{tikzpicture}');
    expect(tex).toContain('adam (1.00)');
    expect(tex).toContain('CD = 1.91');
    const json = JSON.parse(jsonReport(report));
    expect(json.criticalDifference).toMatchObject({ postHoc: 'nemenyi', groups: [[0, 2]], friedman: { df: 2 } });
  });

  it('takes its post-hoc test from bench report --posthoc', async () => {
    const file = tempWriter('bench-cd-').write('three.json', source.doc);
    const io = memoryIO();
    expect(await main(['report', file, '-f', 'json', '--posthoc', 'holm'], io)).toBe(0);
    const cd = JSON.parse(io.stdout.join('\n')).criticalDifference;
    // Holm over the 3 pairs of mean ranks, z = (R_i - R_j) / sqrt(3 * 4 / 18): adam-rmsprop z = -2.0412, p = 0.0412, x 3 > 0.05.
    expect(cd).toMatchObject({ postHoc: 'holm', groups: [[0, 2]] });
    const pair = cd.pairs.find((x: { a: number; b: number }) => x.a === 0 && x.b === 2);
    expect(pair.z).toBeCloseTo(-(5 / 3) / Math.sqrt(12 / 18), 12);
    expect(pair.pAdjusted).toBeCloseTo(3 * 0.041226833337163676, 10);
  });

  it('is absent for a single workload', () => {
    expect(buildReport([{ file: 'one.json', doc }]).criticalDifference).toBeUndefined();
  });
});

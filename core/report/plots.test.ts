/**
 * The report's plots: the numbers the curves and the confusion matrix are drawn from, on the hand-made
 * fixture test/fixtures/results-small.json, the profiles added for two workloads, and SVG rendering.
 */
import * as path from 'node:path';
import { seeds } from '../../test/fixtures/make-trial';
import { rankConfigurations } from '../analysis/ranking';
import { readResults } from '../results/document';
import { buildReport } from './model';
import { curveRows } from './plot-curves';
import { bestConfusion } from './plot-final';
import { reportPlots } from './plots';
import { prefixIds, renderSvg } from './render-svg';

const FIXTURE = path.join(__dirname, '..', '..', 'test/fixtures/results-small.json');
const report = buildReport([{ file: FIXTURE, doc: readResults(FIXTURE) }]);

describe('plot data', () => {
  it('averages the curves over ok seeds: adam, epoch 1, train split', () => {
    const row = curveRows(report).find((r) => r.configuration === 'adam(lr=0.001)' && r.epoch === 1 && r.split === 'train')!;
    // train loss 0.5, 0.6, 0.4; accuracy 0.85, 0.84, 0.86; epoch-1 seconds 5, 6, 7.
    expect(row.loss).toBeCloseTo(0.5, 12);
    expect(row.lossMin).toBe(0.4);
    expect(row.lossMax).toBe(0.6);
    expect(row.accuracy).toBeCloseTo(85, 10);
    expect(row.seconds).toBe(6);
    // rmsprop: only its ok seed counts (2 epochs x 2 splits).
    expect(curveRows(report).filter((r) => r.configuration === 'rmsprop(lr=0.01)')).toHaveLength(4);
  });

  it('sums the confusion matrices of the best configuration over its seeds', () => {
    // adam's seeds have 3, 2 and 1 errors: [[33,1,0],[0,33,0],[2,0,31]] + [[33,1,0],[0,33,0],[1,0,32]] + [[34,0,0],[0,33,0],[1,0,32]].
    expect(bestConfusion(report)).toEqual({
      label: 'adam(lr=0.001)',
      seeds: 3,
      matrix: [
        [100, 2, 0],
        [0, 99, 0],
        [4, 0, 95],
      ],
    });
  });
});

describe('plots', () => {
  it('adds performance profiles when the trials span two workloads, and renders them to SVG', async () => {
    const trials = [
      ...seeds('adam', [0.98, 0.99], { dataset: 'mnist', label: 'adam mnist' }),
      ...seeds('sgd', [0.96, 0.97], { dataset: 'mnist', label: 'sgd mnist' }),
      ...seeds('adam', [0.88, 0.9], { dataset: 'fashion', label: 'adam fashion' }),
      ...seeds('sgd', [0.9, 0.91], { dataset: 'fashion', label: 'sgd fashion' }),
    ];
    const doc = readResults(FIXTURE);
    const two = buildReport([{ file: 'two.json', doc: { ...doc, trials, ranking: rankConfigurations(trials) } }]);
    const plots = reportPlots(two);
    expect(plots.map((p) => p.name)).toContain('performance-profile');
    expect(two.profiles!.solvers.map((s) => s.label).sort()).toEqual(['adam', 'sgd']);
    const svg = await renderSvg(plots.find((p) => p.name === 'performance-profile')!.spec);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Performance profiles');
    expect(svg).toContain('role-mark');
  });

  it('prefixes SVG ids and their references', () => {
    expect(prefixIds('<clipPath id="clip1"/><g clip-path="url(#clip1)"/><use href="#clip1"/>', 'p2-')).toBe(
      '<clipPath id="p2-clip1"/><g clip-path="url(#p2-clip1)"/><use href="#p2-clip1"/>',
    );
  });
});

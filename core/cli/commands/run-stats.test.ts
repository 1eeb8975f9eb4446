/**
 * `bench run` takes the statistics flags `bench report` takes (--test, --correction, --interval,
 * --alpha): the ranking it prints and the one its results file records are made with them, the
 * results file says which (`statistics`), and the note under the table names them.
 */
import * as path from 'node:path';
import { welchTTest } from '../../analysis/stats';
import { readResults } from '../../results/document';
import { isOk } from '../../train/record';
import { cli, tempWriter, withDataLimits } from '../../../test/helpers';

withDataLimits(256, 100);
const files = tempWriter('bench-run-stats-');
const suite = files.write('two.json', {
  name: 'two',
  models: ['linear-784'],
  datasets: ['mnist'],
  optimizers: [
    { name: 'sgd', params: { lr: 0.05 } },
    { name: 'adam', params: { lr: 0.002 } },
  ],
  seeds: [1, 2, 3],
  epochs: 1,
  batchSize: 64,
});

test('bench run --test welch --correction none records and prints the ranking made with them', async () => {
  const out = path.join(files.dir, 'welch.json');
  const r = await cli('run', suite, '--out', out, '--workers', '1', '--test', 'welch', '--correction', 'none', '--interval', 't', '--alpha', '0.1', '--data-dir', path.join(files.dir, 'none'));
  expect(r.err).not.toContain('bench:');
  expect(r.code).toBe(0);
  const doc = readResults(out);
  expect(doc.statistics).toEqual({ test: 'welch', correction: 'none', interval: 't', alpha: 0.1 });
  // Welch's test although the two share their seeds, its p not adjusted: the recorded one is Welch's on the accuracies.
  const [best, other] = doc.ranking;
  const acc = (configId: string) => doc.trials.filter((t) => t.configId === configId).filter(isOk).map((t) => t.final.testAccuracy);
  const welch = welchTTest(acc(other!.configId), acc(best!.configId))!;
  expect(other!.vsBest).toMatchObject({ test: 'welch', n: 6 });
  expect(other!.vsBest!.p).toBeCloseTo(welch.p, 12);
  expect(other!.vsBest!.pAdjusted).toBe(other!.vsBest!.p);
  expect(other!.rank).toBe(welch.p < 0.1 ? 2 : 1);
  // Student t intervals: mean ± t(0.975, 2) sd / √3, within [0, 1].
  const s = best!.testAccuracy!;
  expect(s.ciHigh! - s.mean).toBeCloseTo(Math.min(1 - s.mean, (4.302652729911275 * s.sd) / Math.sqrt(3)), 9);
  // The note says so, with the test set's error line.
  expect(r.out).toContain('not significant at alpha = 0.1; p values are not adjusted for multiple comparisons');
  expect(r.out).toContain("Tests: Welch's t-test on the seeds as independent samples (--test welch: the pairing by seed is not used).");
  expect(r.out).toContain('95% CI of the mean: Student t');
  expect(r.out).toMatch(/A single trial's test accuracy is uncertain by its test set: mnist 100 test images, binomial standard error ±\d\.\d\d points/);
  // `bench report` of the file with the same flags gives the same ranking; with its defaults, the paired test.
  const again = await cli('report', out, '--format', 'json', '--test', 'welch', '--correction', 'none', '--interval', 't', '--alpha', '0.1');
  expect(JSON.parse(again.out).ranking).toEqual(doc.ranking);
  const paired = await cli('report', out, '--format', 'json');
  expect(JSON.parse(paired.out).ranking[1].vsBest.test).toBe('paired-t');
});

test('bench run refuses a statistics flag it cannot use before training', async () => {
  const r = await cli('run', suite, '--out', path.join(files.dir, 'bad.json'), '--alpha', '1.5');
  expect(r.code).toBe(2);
  expect(r.err).toContain('bench: --alpha: expected a number between 0 and 1 (got 1.5)');
});

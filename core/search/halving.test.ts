/**
 * Successive halving's pieces on hand-checked numbers: the rungs of a bracket (epochs, configurations,
 * the budget), the trial a rung trains (the full trial stopped early, its schedule the full one's),
 * promotion by the selection metric, and Kendall's tau against a full search.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTrial } from '../../test/fixtures/make-trial';
import { configIdOf } from '../suite/expand';
import { resolveSuite } from '../suite/load';
import { fullSearchAgreement, halvingRanks, promote, rungsOf, stoppedAt } from './halving';

describe('rungsOf', () => {
  it('trains minEpochs, minEpochs * eta, ... then the search epochs, keeping 1/eta of the configurations each time', () => {
    // 9 configurations, eta 3, from 1 epoch to 9: 9 x 1, 3 x 3, 1 x 9 epochs = 27 epochs (a full search: 81).
    const r = rungsOf(9, 3, 1, 9);
    expect(r).toEqual([
      { epochs: 1, configs: 9 },
      { epochs: 3, configs: 3 },
      { epochs: 9, configs: 1 },
    ]);
    expect(r.reduce((n, x) => n + x.epochs * x.configs, 0)).toBe(27);
    // The last rung is the search epochs even when they are not a power of eta: 27 from 1 to 10 epochs.
    expect(rungsOf(27, 3, 1, 10)).toEqual([
      { epochs: 1, configs: 27 },
      { epochs: 3, configs: 9 },
      { epochs: 9, configs: 3 },
      { epochs: 10, configs: 1 },
    ]);
    expect(rungsOf(8, 2, 1, 4)).toEqual([
      { epochs: 1, configs: 8 },
      { epochs: 2, configs: 4 },
      { epochs: 4, configs: 2 },
    ]);
  });

  it('goes straight to the search epochs once a single configuration is left, or with a single one', () => {
    expect(rungsOf(4, 3, 2, 18)).toEqual([
      { epochs: 2, configs: 4 },
      { epochs: 18, configs: 1 },
    ]);
    expect(rungsOf(1, 3, 1, 9)).toEqual([{ epochs: 9, configs: 1 }]);
  });
});

test('stoppedAt: the full trial stopped after fewer epochs, its schedule still laid out over the full ones', () => {
  const suite = resolveSuite(
    { name: 'h', models: ['linear-784'], datasets: ['mnist'], optimizers: [{ name: 'sgd', schedule: { name: 'cosine' } }], seeds: [4], epochs: 9 },
    path.join(os.tmpdir(), 'h.json'),
  );
  const full = suite.trials[0]!;
  const rung = stoppedAt(full, 3);
  expect(rung.config).toEqual({ ...full.config, epochs: 3, scheduleEpochs: 9 });
  expect(rung.configId).toBe(configIdOf(rung.config));
  expect(rung.configId).not.toBe(full.configId);
  expect(rung.id).toBe(`${rung.configId}-s4`);
  expect([rung.label, rung.seed]).toEqual([full.label, 4]);
  expect(stoppedAt(full, 9)).toBe(full);
});

test('promote keeps the best by the metric at the last epoch, ties to the earlier, never one without a value', () => {
  const [a, b, c, d] = [[0.5], [0.7], [0.6], [0.7]].map((v, i) => makeTrial({ config: `c${i}`, seed: 1, valAccuracy: v }));
  const failed = makeTrial({ config: 'f', seed: 1, status: 'failed' });
  expect(promote([a!, b!, failed, c!, d!], 'valAccuracy', 3).map((r) => r.configId)).toEqual([b, d, c].map((r) => r!.configId));
  // By valLoss (1 - accuracy in these records) lower is better: the same order.
  expect(promote([a!, b!, c!], 'valLoss', 2).map((r) => r.configId)).toEqual([b, c].map((r) => r!.configId));
  expect(promote([failed], 'valAccuracy', 1)).toEqual([]);
});

describe('Kendall tau against a full search', () => {
  // Config 1 reached the last rung; 2 and 3 were pruned at rung 1 (0.9 above 0.7), 0 at rung 0.
  const halving = [
    { rung: 0, value: 0.5 },
    { rung: 2, value: 0.8 },
    { rung: 1, value: 0.9 },
    { rung: 1, value: 0.7 },
  ];

  it('ranks by the rung reached, then by the value there', () => {
    expect(halvingRanks(halving, false)).toEqual([4, 1, 2, 3]);
    expect(halvingRanks(halving, true)).toEqual([4, 1, 3, 2]);
  });

  it('compares with the full search by tau-b over the configurations that finished in both', () => {
    // Full search at the last epoch: 2 (0.85), 1 (0.8), 3 (0.6), 0 (0.55). Of the 6 pairs only (1, 2) is
    // reversed: (5 - 1) / 6.
    expect(fullSearchAgreement(halving, [0.55, 0.8, 0.85, 0.6], false)).toEqual({ configs: 4, kendallTau: 4 / 6 });
    // Config 3 not finished in the full search: the 3 others, all in the same order but (1, 2): (2 - 1) / 3.
    expect(fullSearchAgreement(halving, [0.55, 0.8, 0.85, null], false)).toEqual({ configs: 3, kendallTau: 1 / 3 });
    expect(fullSearchAgreement(halving, [0.55, null, null, null], false)).toBeUndefined();
  });
});

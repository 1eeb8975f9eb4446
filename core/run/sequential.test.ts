/**
 * `bench run --seeds-until-separated` end to end on tiny data: two near-twin configurations that stay
 * tied and one far behind; each look's decision re-derived from the trials it saw (the decisions
 * themselves on hand-checked numbers: core/analysis/sequential.test.ts), every added seed a normal
 * trial in the results and the trial log, the ranking at alpha / looks, the file resumable; and what
 * the mode refuses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rankConfigurations } from '../analysis/ranking';
import { stillTied } from '../analysis/sequential';
import { readResults } from '../results/document';
import type { RunDocument } from '../results/run-info';
import { readTrialLog } from '../results/trial-log';
import { cli, tempWriter, withDataLimits } from '../../test/helpers';

withDataLimits(256, 100);
const files = tempWriter('bench-sequential-');
const spec = {
  name: 'seq',
  models: ['linear-784'],
  datasets: ['mnist'],
  optimizers: [
    { name: 'sgd', params: { lr: 0.05 } },
    { name: 'sgd', params: { lr: 0.0500001 } },
    { name: 'sgd', params: { lr: 0.000001 } },
  ],
  seeds: [1, 2],
  epochs: 1,
  batchSize: 64,
};
const suite = files.write('seq.json', spec);
const none = path.join(files.dir, 'none');

test('adds seeds to the configurations still tied with the best, one look at a time, at alpha / looks', async () => {
  const out = path.join(files.dir, 'seq-results.json');
  const r = await cli('run', suite, '--out', out, '--workers', '1', '--seeds-until-separated', '4', '--data-dir', none);
  expect(r.err).not.toContain('bench:');
  expect(r.code).toBe(0);
  const doc = readResults(out) as RunDocument;
  const seq = doc.run.sequential!;
  // Seeds 2 to 4: looks at 2, 3 and 4 seeds, each at 0.05 / 3, the ranking recorded at that level too.
  expect(seq).toMatchObject({ maxSeeds: 4, alpha: 0.05, looks: 3 });
  expect(seq.alphaPerLook).toBeCloseTo(0.05 / 3, 15);
  expect(doc.statistics!.alpha).toBe(seq.alphaPerLook);
  // The twins train alike and never separate: seeds 3 and 4 are added, to them at least.
  const byLabel = new Map(doc.ranking.map((e) => [e.label, e.configId]));
  const twins = [byLabel.get('sgd(lr=0.05)')!, byLabel.get('sgd(lr=0.0500001)')!];
  expect(seq.added.map((a) => a.seed)).toEqual([3, 4]);
  for (const a of seq.added) expect(a.configs).toEqual(expect.arrayContaining(twins));
  expect(seq.stopped).toBe('max-seeds');
  // Each look's decision, re-derived from the trials it had.
  const suiteSeeds = new Set(spec.seeds);
  for (let k = 0; k <= seq.added.length; k++) {
    const seen = doc.trials.filter((t) => suiteSeeds.has(t.seed) || seq.added.slice(0, k).some((a) => a.seed === t.seed));
    const tied = stillTied(rankConfigurations(seen, { alpha: seq.alphaPerLook }), seq.alphaPerLook);
    if (k < seq.added.length) expect(tied).toEqual(seq.added[k]!.configs);
    else expect(tied.length > 0).toBe(true);
  }
  // Every added seed is a normal trial: the suite's configuration on that seed, no phase, in the results and the log.
  const added = doc.trials.filter((t) => !suiteSeeds.has(t.seed));
  expect(added.map((t) => [t.configId, t.seed])).toEqual(seq.added.flatMap((a) => a.configs.map((c) => [c, a.seed])));
  expect(added.every((t) => t.id === `${t.configId}-s${t.seed}` && t.phase === undefined && t.status === 'ok')).toBe(true);
  expect(doc.complete).toBe(true);
  expect(doc.run.plannedTrials).toEqual(doc.trials.map((t) => t.id));
  expect(doc.run.resumedTrials).toEqual([]);
  const log = readTrialLog(`${out}.trials.jsonl`);
  expect(log.header!.plannedTrials).toEqual(doc.run.plannedTrials);
  expect(log.records.map((t) => t.id).sort()).toEqual(doc.trials.map((t) => t.id).sort());
  // The twins pair on seeds 1-4; the one left behind pairs with the best on its own seeds.
  const behind = doc.ranking.find((e) => e.trials === 2);
  if (behind) expect(behind.vsBest).toMatchObject({ test: 'paired-t', n: 2 });
  expect(doc.ranking.find((e) => e.configId === twins[1] || e.configId === twins[0])!.trials).toBe(4);
  expect(r.out).toContain(
    'Sequential (--seeds-until-separated 4): alpha = 0.05 spent over 3 looks (Bonferroni), each look and this ranking at alpha = 0.0167; seed 3 added to',
  );
  expect(r.out).toContain('not significant at alpha = 0.0167');
  expect(r.err).toContain('look 1 of 3: ');

  // --resume of the finished file rebuilds its trials from run.sequential: nothing to train, the same trials.
  const again = await cli('run', '--resume', out, '--workers', '1', '--data-dir', none);
  expect(again.err).not.toContain('bench:');
  expect(again.code).toBe(0);
  const resumed = readResults(out) as RunDocument;
  expect(resumed.trials.map((t) => t.id)).toEqual(doc.trials.map((t) => t.id));
  expect(resumed.run.sequential).toEqual(seq);

  // Interrupted in the last look (its last trial lost from the file and the log): --resume trains that one and looks on.
  const lost = doc.trials.at(-1)!;
  fs.writeFileSync(out, JSON.stringify({ ...resumed, complete: false, trials: resumed.trials.slice(0, -1), run: { ...resumed.run, sequential: { ...seq, stopped: null } } }));
  const logFile = `${out}.trials.jsonl`;
  fs.writeFileSync(logFile, fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => !l.includes(`"id":"${lost.id}"`)).join('\n'));
  const finish = await cli('run', '--resume', out, '--workers', '1', '--data-dir', none);
  expect(finish.err).toContain(`1 trial to run on 1 worker (${doc.trials.length - 1} of ${doc.trials.length} already done)`);
  const done = readResults(out) as RunDocument;
  expect(done.trials.map((t) => t.id)).toEqual(doc.trials.map((t) => t.id));
  const test = (t: (typeof doc.trials)[number]) => (t.status === 'ok' ? [t.final.testAccuracy, t.final.testLoss, t.final.confusion] : t.status);
  expect(test(done.trials.at(-1)!)).toEqual(test(lost)); // the same trial again (its times aside)
  expect(done.run.sequential).toEqual(seq);
});

test('refuses what it cannot do, before training', async () => {
  const at = (n: string) => path.join(files.dir, n);
  const twoSeeds = await cli('run', suite, '--out', at('a.json'), '--seeds-until-separated', '2', '--data-dir', none);
  expect([twoSeeds.code, twoSeeds.err]).toEqual([2, 'bench: --seeds-until-separated 2: the suite already runs 2 seeds; give more than 2']);
  const shard = await cli('run', suite, '--out', at('b.json'), '--seeds-until-separated', '4', '--shard', '1/2', '--data-dir', none);
  expect(shard.err).toContain('bench: --seeds-until-separated: every look ranks all the trials; it cannot run one shard (--shard)');
  const tuned = files.write('tuned.json', { ...spec, optimizers: [{ name: 'sgd', search: { space: { lr: [0.01, 0.1] } } }], validationFraction: 0.2 });
  const search = await cli('run', tuned, '--out', at('c.json'), '--seeds-until-separated', '4', '--data-dir', none);
  expect(search.err).toContain('bench: --seeds-until-separated: not supported for suites with a search yet');
  const zero = await cli('run', suite, '--out', at('d.json'), '--seeds-until-separated', '0');
  expect(zero.code).toBe(2);
});

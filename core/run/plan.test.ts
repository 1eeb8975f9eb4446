/**
 * What a run has left to train (core/run/plan.ts), without training: the shard's trials, less those the
 * resumed run finished and those the cache holds, with the counts that the plan event and the results
 * document report; and what a resumed run refuses (core/run/resume.ts).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTrial } from '../../test/fixtures/make-trial';
import { inputErrorOf } from '../../test/helpers';
import type { TrialRecord } from '../train/record';
import { resolveSuite } from '../suite/load';
import { selectShard } from '../suite/shard';
import { planEvent, planRun, takeFromCache } from './plan';
import type { PreviousRun } from './resume';

const suite = resolveSuite(
  { name: 'six', models: ['linear-784'], datasets: ['mnist'], optimizers: [{ name: 'sgd', params: { lr: 0.1 } }, 'adam'], seeds: [1, 2, 3], epochs: 2 },
  path.join(os.tmpdir(), 'six.json'),
);
const ids = suite.trials.map((t) => t.id);
const code = { version: '0.1.0', gitCommit: null, hash: '0123456789abcdef' };
const recordOf = (id: string, label = 'stored-label'): TrialRecord => ({ ...makeTrial({ config: 'x', seed: 1, label }), id });

/** A previous run of the whole suite that finished `done` (the first of them taken from the cache by that run). */
function previous(done: string[], over: Partial<PreviousRun> = {}): PreviousRun {
  return {
    file: '/r/prev.json',
    records: new Map(done.map((id) => [id, recordOf(id)])),
    suite: { name: 'six', file: suite.file, spec: suite.spec },
    plannedTrials: ids,
    shard: null,
    code,
    backend: 'wasm',
    doc: { run: { cachedTrials: done.slice(0, 1) }, environment: { hostname: 'node-7' } } as PreviousRun['doc'],
    ...over,
  };
}

describe('planRun and takeFromCache', () => {
  it('a fresh run of a shard: every trial of the shard left, in suite order', () => {
    const plan = planRun(suite, { shard: { index: 2, count: 3 }, code, backend: 'wasm' });
    expect(plan.plannedIds).toEqual(selectShard(suite.trials, { index: 2, count: 3 }).map((t) => t.id));
    expect(plan.todo.map((t) => t.id)).toEqual(plan.plannedIds);
    expect(planEvent(plan, 4)).toEqual({ total: 2, resumed: 0, cached: 0, carried: 0, toRun: 2, workers: 2, epochs: { total: 4, done: 0 } });
  });

  it('resumed, then cached: the counts of each, the records relabelled by this run, nothing left on no workers', () => {
    const lines: string[] = [];
    const resumed = planRun(suite, { resume: previous(ids.slice(0, 3)), code, backend: 'wasm', log: (l) => lines.push(l) });
    expect(lines).toEqual(["note: /r/prev.json was started on node-7; its timings and this host's end up in one document"]);
    expect([resumed.resumed, resumed.cached, resumed.carriedOver]).toEqual([ids.slice(1, 3), ids.slice(0, 1), 3]);
    expect(resumed.todo.map((t) => t.id)).toEqual(ids.slice(3));
    expect(planEvent(resumed, 8)).toMatchObject({ total: 6, resumed: 2, cached: 1, carried: 0, toRun: 3, workers: 3, epochs: { total: 12, done: 6 } });

    const cache = new Map(ids.slice(3, 5).map((id) => [id, recordOf(id)]));
    const plan = takeFromCache(resumed, (t) => cache.get(t.id));
    expect([plan.cached, plan.fromCache, plan.todo.map((t) => t.id)]).toEqual([[ids[0], ids[3], ids[4]], 2, [ids[5]]]);
    expect(plan.done.get(ids[3]!)!.label).toBe(suite.trials[3]!.label); // this run's name, not the stored one
    expect(planEvent(plan, 8)).toMatchObject({ toRun: 1, workers: 1 });
    expect(planEvent(takeFromCache(plan, (t) => recordOf(t.id)), 8)).toMatchObject({ total: 6, toRun: 0, workers: 0 });
  });

  it('a continued run (the next look of a sequential run) carries its records without calling them resumed; epochs count per trial', () => {
    // The last look held the first 4 trials, the first of them from the cache and the second resumed; the next plans 6, one of 5 epochs.
    const last = previous(ids.slice(0, 4), { continued: true });
    last.doc = { run: { cachedTrials: ids.slice(0, 1), resumedTrials: ids.slice(1, 2) }, environment: { hostname: os.hostname() } } as PreviousRun['doc'];
    const next = { ...suite, trials: suite.trials.map((t, i) => (i === 5 ? { ...t, config: { ...t.config, epochs: 5 } } : t)) };
    const plan = planRun(next, { resume: last, code, backend: 'wasm' });
    expect([plan.cached, plan.resumed, plan.carriedOver, plan.todo.map((t) => t.id)]).toEqual([ids.slice(0, 1), ids.slice(1, 2), 4, ids.slice(4)]);
    expect(planEvent(plan, 8)).toEqual({ total: 6, resumed: 1, cached: 1, carried: 2, toRun: 2, workers: 2, epochs: { total: 2 * 5 + 5, done: 8 } });
  });

  it('a shard is split by cost; a resumed shard keeps the trials it planned, whatever costs split it', () => {
    const costs = { source: 'test', costOf: (t: { seed: number }) => (t.seed === 1 ? 10 : 1) };
    const fresh = planRun(suite, { shard: { index: 1, count: 2 }, costs, code, backend: 'wasm' });
    expect(fresh.plannedIds).toEqual(selectShard(suite.trials, { index: 1, count: 2 }, costs.costOf).map((t) => t.id));
    expect(fresh.planned.filter((t) => t.seed === 1)).toHaveLength(1); // the two dear trials of seed 1 on two shards

    const planned = [ids[0]!, ids[3]!, ids[4]!];
    const prev = previous([ids[3]!], { shard: { index: 1, count: 2 }, plannedTrials: planned });
    const resumed = planRun(suite, { resume: prev, code, backend: 'wasm' });
    expect([resumed.plannedIds, resumed.todo.map((t) => t.id)]).toEqual([planned, [ids[0], ids[4]]]);
    const other = { ...prev, doc: { ...prev.doc, run: { ...prev.doc!.run, suiteTrials: ids.slice(1) } } } as PreviousRun;
    expect(inputErrorOf(() => planRun(suite, { resume: other, code, backend: 'wasm' }))).toBe(
      "--resume /r/prev.json: not the same suite: its suite's trials differ from this suite's; resume with the suite it was started with",
    );
  });

  it('refuses a resume of another suite, shard, code or backend, or one holding stray trials', () => {
    const plan = (prev: PreviousRun, shard?: { index: number; count: number }, backend = 'wasm') => () => planRun(suite, { resume: prev, shard, code, backend });
    expect(inputErrorOf(plan(previous([]), { index: 1, count: 2 }))).toBe('--shard 1/2: /r/prev.json was run as the whole suite');
    expect(inputErrorOf(plan(previous([], { shard: { index: 2, count: 2 } }), { index: 1, count: 2 }))).toBe('--shard 1/2: /r/prev.json was run as shard 2/2');
    expect(inputErrorOf(plan(previous([], { plannedTrials: [...ids.slice(1), 'gone-s1'] })))).toBe(
      "--resume /r/prev.json: not the same suite: its trials differ from this suite's (1 not in this suite, 1 new); resume with the suite it was started with",
    );
    expect(inputErrorOf(plan(previous(['stray-s9'])))).toBe('--resume /r/prev.json: holds trials not planned for it (stray-s9)');
    expect(inputErrorOf(plan(previous([], { code: { ...code, hash: 'ffffffffffffffff' } })))).toBe(
      '--resume /r/prev.json: it was run by other bench code (version 0.1.0, code hash ffffffffffffffff; this is 0.1.0, 0123456789abcdef); results of two code versions do not mix: start a new run',
    );
    expect(inputErrorOf(plan(previous([]), undefined, 'tensorflow'))).toBe('--resume /r/prev.json: it ran on the wasm backend, this run on tensorflow; pass --backend wasm');
  });
});

/**
 * Tuning runs: a two-phase run on top of `runSuite`.
 *
 * 1. Search: for each optimizer entry with a `search` block (its own, or the suite's; settings and their
 *    checks in core/search/settings.ts), the strategy draws `budget.configs` configurations from the
 *    space; each is trained once, on the search seed (default: a seed that is not a final seed), for
 *    the search epochs (`phase: "search"`, ids prefixed `search-`); with `"strategy": "halving"` the
 *    configurations of each entry and workload are pruned rung by rung (core/search/halving-run.ts).
 * 2. Selection: per entry and workload (model, dataset, regularizers, initializer, activation), the
 *    search trial with the best validation metric at its last epoch (core/search/select.ts; the test
 *    set is never looked at).
 * 3. Final: the chosen configuration is rerun on the final seeds (the search block's `seeds`, else the suite's) for the suite's epochs
 *    (`phase: "final"`); entries without a search run as written on the suite's seeds. With `defaults`,
 *    each tuned entry also runs untuned (as written) on the same seeds (`phase: "defaults"`, ids
 *    prefixed `defaults-`), for the untuned ranking beside the tuned one.
 *
 * Both phases go through `runSuite` (workers, crash-safe writes, cache). The search phase writes
 * `<out>.search.json` (and its trial log); the final phase writes `<out>`, which ends holding both
 * phases' trials and `selection[]`. Every trial records its optimizer entry's label (`entry`). The
 * ranking ranks the final trials, and an entry whose search trials all failed as those search trials
 * (core/analysis/ranked-trials.ts).
 */
import * as path from 'node:path';
import type { Params } from '../plugin/contracts';
import { InputError } from '../util/errors';
import type { TrialRecord } from '../train/record';
import { writeResults, withRanking } from '../results/document';
import { logOf } from '../run/events';
import { type RunOptions, runSuite } from '../run/run-suite';
import { type RunDocument } from '../results/run-info';
import { resolveSuite, type Suite } from '../suite/load';
import { type Trial } from '../suite/types';
import { sampleSpace } from './space';
import { selectBest, selectionValue, workloadKey } from './select';
import { type Selection } from '../results/selection';
import { describeEntry, type RefObject, refObject, resolveSearch, type SearchPlan, withoutSearch } from './settings';
import { expectedBest } from './tuneability';
import { runSearch, type SearchOutcome, searchTrialCount } from './halving-run';

export { hasSearch, isTuned, type SearchBlock, type SearchPlan, type SearchSettings } from './settings';


const fmt = (p: Params) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');

/** The entry of optimizer `ref` with `sample` set; a labelled entry's label names the sample. */
function entryWith(ref: RefObject, sample: Params, relabel = true): RefObject {
  const { search: _search, ...rest } = ref;
  return { ...rest, params: { ...ref.params, ...sample }, ...(ref.label && relabel ? { label: `${ref.label}(${fmt(sample)})` } : {}) };
}

/** The search phase's trials, for every tuned optimizer entry; an InputError when a search block does not fit. */
export function planSearch(suite: Suite): SearchPlan {
  const spec = suite.spec;
  const { settings, labels, warnings } = resolveSearch(suite);
  const trials: Trial[] = [];
  const origin = new Map<string, { entry: number; sample: Params }>();
  const samples = settings.map((s) => (s ? sampleSpace(s.space, s.sample, s.configs, s.searchSeed) : []));
  spec.optimizers.forEach((r, i) => {
    const s = settings[i];
    if (!s) return;
    const ref = refObject(r);
    for (const sample of samples[i]!) {
      const sub = resolveSuite({ ...withoutSearch(spec), optimizers: [entryWith(ref, sample)], seeds: [s.searchSeed], epochs: s.epochs }, suite.file);
      for (const t of sub.trials) {
        const id = `search-${t.id}`;
        if (origin.has(id)) throw new InputError(`${suite.file}: $.optimizers[${i}].search: two search configurations are identical (${t.label}); widen the space or lower the budget`);
        origin.set(id, { entry: i, sample });
        trials.push({ ...t, id, phase: 'search', entry: labels[i]! });
      }
    }
  });
  return { suite: { ...suite, trials }, origin, settings, samples, labels, warnings };
}

/**
 * Per tuned entry and workload, the best search trial (see the module comment); a halving bracket's
 * (`brackets`, core/search/halving-run.ts) is the best of its last rung, and the bracket says what it tried and cost.
 */
export function selectConfigurations(
  suite: Suite,
  plan: SearchPlan,
  records: readonly TrialRecord[],
  brackets: SearchOutcome['brackets'] = new Map(),
): Array<Selection & { entry: number; workload: string; sample: Params | null }> {
  const byId = new Map(records.map((r) => [r.id, r]));
  const groups = new Map<string, { entry: number; workload: string; trials: Trial[] }>();
  for (const t of plan.suite.trials) {
    const o = plan.origin.get(t.id)!;
    const key = `${o.entry}|${workloadKey(t)}`;
    const g = groups.get(key) ?? { entry: o.entry, workload: workloadKey(t), trials: [] };
    g.trials.push(t);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const s = plan.settings[g.entry]!;
    const ref = refObject(suite.spec.optimizers[g.entry]!);
    const done = g.trials.map((t) => byId.get(t.id)).filter((r): r is TrialRecord => r !== undefined);
    const best = selectBest(done, s.metric);
    const first = g.trials[0]!;
    const bracket = brackets.get(`${g.entry}|${g.workload}`);
    const tried = bracket
      ? { configs: bracket.configs, seconds: bracket.seconds, halving: (({ configs: _c, seconds: _s, ...h }) => h)(bracket) }
      : {
          configs: done.length,
          seconds: done.reduce((a, r) => a + r.wallSeconds, 0),
          tuneability: expectedBest(
            done.map((r) => selectionValue(r, s.metric)).filter((v): v is number => v !== null),
            s.metric === 'valLoss',
          ),
        };
    return {
      entry: g.entry,
      workload: g.workload,
      sample: best ? plan.origin.get(best.trial.id)!.sample : null,
      optimizer: plan.labels[g.entry]!,
      name: ref.name,
      model: first.config.model,
      dataset: first.config.dataset,
      params: best ? best.trial.optimizer.params : null,
      searched: Object.keys(s.space).sort(),
      metric: s.metric,
      value: best ? best.value : null,
      trial: best ? best.trial.id : null,
      configs: tried.configs,
      seconds: tried.seconds,
      strategy: s.strategy,
      searchSeed: s.searchSeed,
      ...('tuneability' in tried ? { tuneability: tried.tuneability } : { halving: tried.halving }),
    };
  });
}

/** The trials of optimizer entry `i` as written (its own params, else the plugin's defaults), on `seeds` (default: the suite's). */
function asWritten(suite: Suite, i: number, seeds?: number[]): Trial[] {
  const spec = withoutSearch(suite.spec);
  return resolveSuite({ ...spec, optimizers: [entryWith(refObject(spec.optimizers[i]!), {}, false)], ...(seeds ? { seeds } : {}) }, suite.file).trials;
}

/** The final phase's trials: chosen configurations on the final seeds, untuned entries as written. */
export function planFinal(suite: Suite, plan: SearchPlan, chosen: ReturnType<typeof selectConfigurations>, defaults = false): Suite {
  const spec = withoutSearch(suite.spec);
  const trials: Trial[] = [];
  spec.optimizers.forEach((r, i) => {
    const s = plan.settings[i];
    const entry = plan.labels[i]!;
    if (!s) {
      trials.push(...asWritten(suite, i).map((t) => ({ ...t, phase: 'final' as const, entry })));
      return;
    }
    for (const c of chosen.filter((x) => x.entry === i && x.sample)) {
      const sub = resolveSuite({ ...spec, optimizers: [entryWith(refObject(r), c.sample!)], seeds: s.seeds }, suite.file);
      trials.push(...sub.trials.filter((t) => workloadKey(t) === c.workload).map((t) => ({ ...t, phase: 'final' as const, entry })));
    }
  });
  if (defaults) {
    // The tuned entries as written, on the same seeds.
    spec.optimizers.forEach((_, i) => {
      const s = plan.settings[i];
      if (!s) return;
      trials.push(...asWritten(suite, i, s.seeds).map((t) => ({ ...t, id: `defaults-${t.id}`, phase: 'defaults' as const, entry: plan.labels[i]! })));
    });
  }
  return { ...suite, trials };
}

/** What a tuning suite will train, without training: `bench validate`'s account of it. */
export interface TuningPlan {
  search: SearchPlan;
  /** Search trials: every rung's of a halving bracket. */
  searchTrials: number;
  /** Final trials: per tuned entry and workload one per final seed, the untuned entries' trials as written. */
  finalTrials: number;
  /** Per optimizer entry, what is done with it (core/search/settings.ts describeEntry). */
  lines: string[];
}

/** Plans a tuning suite (see TuningPlan); an InputError when a search block does not fit its optimizers. */
export function planTuning(suite: Suite): TuningPlan {
  const search = planSearch(suite);
  const finalTrials = suite.spec.optimizers.reduce((n, _, i) => n + asWritten(suite, i, search.settings[i]?.seeds).length, 0);
  const lines = search.labels.map((l, i) => describeEntry(l, search.settings[i], search.samples[i]!, suite.spec.seeds));
  return { search, searchTrials: searchTrialCount(search), finalTrials, lines };
}

/** Where the search phase writes: `<out>` without `.json`, plus `.search.json`. */
export function searchOutOf(out: string): string {
  return path.join(path.dirname(out), `${path.basename(out).replace(/\.json$/, '')}.search.json`);
}

/** Runs a tuning suite (see the module comment); returns the merged results document. */
export async function runTuning(suite: Suite, opts: RunOptions & { defaults?: boolean }): Promise<RunDocument> {
  if (opts.resume || opts.shard) throw new InputError(`${suite.file}: --resume and --shard are not supported for suites with a search yet`);
  const log = logOf(opts.events);
  const plan = planSearch(suite);
  for (const w of plan.warnings) log(`warning: ${w}`);
  log(`search: ${plan.suite.trials.length} search trials`);
  const { doc: searchDoc, brackets } = await runSearch(plan, { ...opts, out: opts.out ? searchOutOf(opts.out) : undefined });
  const chosen = selectConfigurations(suite, plan, searchDoc.trials, brackets);
  const selection: Selection[] = chosen.map(({ entry: _e, workload: _w, sample: _s, ...sel }) => sel);
  for (const c of chosen) {
    log(`chosen for ${c.optimizer} on ${c.model}/${c.dataset}: ${c.sample ? fmt(c.sample) : 'none (no search trial finished)'} (${c.metric} ${c.value ?? '—'}, ${c.configs} configurations, ${c.seconds.toFixed(1)} s)`);
  }
  let finalDoc: RunDocument | undefined;
  if (!opts.signal?.aborted) finalDoc = await runSuite(planFinal(suite, plan, chosen, opts.defaults), opts);
  const base = finalDoc ?? searchDoc;
  const finalTrials = finalDoc?.trials ?? [];
  const doc: RunDocument = {
    ...base,
    suite: { name: suite.spec.name, file: suite.file, spec: suite.spec },
    complete: searchDoc.complete && (finalDoc?.complete ?? false),
    trials: [...searchDoc.trials, ...finalTrials],
    selection,
    run: {
      ...base.run,
      suiteTrials: [...searchDoc.run.suiteTrials, ...(finalDoc?.run.suiteTrials ?? [])],
      plannedTrials: [...searchDoc.run.plannedTrials, ...(finalDoc?.run.plannedTrials ?? [])],
      cachedTrials: [...searchDoc.run.cachedTrials, ...(finalDoc?.run.cachedTrials ?? [])],
      resumedTrials: [],
    },
  };
  if (opts.out) writeResults(opts.out, doc);
  return withRanking(doc) as RunDocument;
}

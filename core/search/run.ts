/**
 * Tuning runs: a two-phase run on top of `runSuite`.
 *
 * 1. Search: for each optimizer entry with a `search` block (its own, or the suite's), the strategy
 *    draws `budget.configs` configurations from the space; each is trained once, on the search seed, for
 *    the search epochs (`phase: "search"`, ids prefixed `search-`).
 * 2. Selection: per entry and workload (model, dataset, regularizers, initializer, activation), the
 *    search trial with the best validation metric at its last epoch (core/search/select.ts; the test
 *    set is never looked at).
 * 3. Final: the chosen configuration is rerun on the search's seeds for the suite's epochs
 *    (`phase: "final"`); entries without a search run as written on the suite's seeds. With `defaults`,
 *    each tuned entry also runs untuned (as written) on the same seeds (`phase: "defaults"`, ids
 *    prefixed `defaults-`), for the untuned ranking beside the tuned one.
 *
 * Both phases go through `runSuite` (workers, crash-safe writes, cache). The search phase writes
 * `<out>.search.json` (and its trial log); the final phase writes `<out>`, which ends holding both
 * phases' trials and `selection[]`. The ranking ranks the final trials only.
 */
import * as path from 'node:path';
import type { Params } from '../contracts';
import { InputError } from '../errors';
import type { TrialRecord } from '../record';
import { writeResults, withRanking } from '../results';
import { type RunDocument, type RunOptions, runSuite } from '../runner';
import { type OptimizerRef, resolveSuite, type Suite, type SuiteFile, type Trial } from '../suite';
import { sampleSpace, type Space, type Strategy } from './space';
import { type Selection, type SelectionMetric, selectBest, selectionValue } from './select';
import { expectedBest } from './tuneability';

/** A search block as a suite writes it. */
export interface SearchBlock {
  space?: Space;
  strategy?: Strategy;
  budget?: { configs: number };
  metric?: SelectionMetric;
  seeds?: number[];
  searchSeed?: number;
  epochs?: number;
}

/** A search block with every default filled in. */
export interface SearchSettings {
  space: Space;
  strategy: Strategy;
  configs: number;
  metric: SelectionMetric;
  seeds: number[];
  searchSeed: number;
  epochs: number;
}

type SpecWithSearch = SuiteFile & { search?: SearchBlock };
type RefObject = Exclude<OptimizerRef, string> & { search?: SearchBlock };

const refObject = (r: OptimizerRef): RefObject => (typeof r === 'string' ? { name: r } : (r as RefObject));

/** Whether any optimizer of the suite is tuned. */
export function hasSearch(spec: SuiteFile): boolean {
  return spec.optimizers.some((_, i) => isTuned(spec, i));
}

/**
 * Whether optimizer entry `i` is tuned: it has its own search block, or the suite's block has a space
 * (a suite-level block without a space only gives defaults to the entries' own blocks).
 */
export function isTuned(spec: SuiteFile, i: number): boolean {
  const s = spec as SpecWithSearch;
  return refObject(s.optimizers[i]!).search !== undefined || s.search?.space !== undefined;
}

/** The search settings of optimizer entry `i` (its block over the suite's), or undefined when it is not tuned. */
export function searchOf(spec: SuiteFile, i: number, file = 'suite'): SearchSettings | undefined {
  const s = spec as SpecWithSearch;
  const own = refObject(s.optimizers[i]!).search;
  if (!isTuned(spec, i)) return undefined;
  const b: SearchBlock = { ...s.search, ...own };
  if (!b.space || Object.keys(b.space).length === 0) {
    throw new InputError(`${file}: $.optimizers[${i}]: its search has no "space" (give one in the optimizer's "search" or the suite's)`);
  }
  if (!(spec.validationFraction > 0)) throw new InputError(`${file}: $.validationFraction: a search selects on the validation split; expected a fraction > 0`);
  return {
    space: b.space,
    strategy: b.strategy ?? 'quasirandom',
    configs: b.budget?.configs ?? 8,
    metric: b.metric ?? 'valAccuracy',
    seeds: b.seeds ?? spec.seeds,
    searchSeed: b.searchSeed ?? spec.seeds[0]!,
    epochs: b.epochs ?? spec.epochs,
  };
}

/** The workload part of a trial (everything but the optimizer and the seed): selection is per workload. */
function workloadKey(t: Trial): string {
  const c = t.config;
  return JSON.stringify([c.model, c.dataset, c.regularizers.map((r) => r.label), c.initializer.label, c.activation.label]);
}

const fmt = (p: Params) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');

/** The entry of optimizer `ref` with `sample` set; a labelled entry's label names the sample. */
function entryWith(ref: RefObject, sample: Params, relabel = true): RefObject {
  const { search: _search, ...rest } = ref;
  return { ...rest, params: { ...ref.params, ...sample }, ...(ref.label && relabel ? { label: `${ref.label}(${fmt(sample)})` } : {}) };
}

function withoutSearch(spec: SuiteFile): SuiteFile {
  const { search: _search, ...rest } = spec as SpecWithSearch;
  return rest;
}

interface SearchPlan {
  suite: Suite;
  /** Per search trial id: its optimizer entry and the sample it trains. */
  origin: Map<string, { entry: number; sample: Params }>;
  settings: Array<SearchSettings | undefined>;
}

/** The search phase's trials, for every tuned optimizer entry. */
export function planSearch(suite: Suite): SearchPlan {
  const spec = suite.spec;
  const settings = spec.optimizers.map((_, i) => searchOf(spec, i, suite.file));
  const trials: Trial[] = [];
  const origin = new Map<string, { entry: number; sample: Params }>();
  spec.optimizers.forEach((r, i) => {
    const s = settings[i];
    if (!s) return;
    const ref = refObject(r);
    const samples = sampleSpace(s.space, s.strategy, s.configs, s.searchSeed);
    for (const sample of samples) {
      const sub = resolveSuite({ ...withoutSearch(spec), optimizers: [entryWith(ref, sample)], seeds: [s.searchSeed], epochs: s.epochs }, suite.file);
      for (const t of sub.trials) {
        const id = `search-${t.id}`;
        if (origin.has(id)) throw new InputError(`${suite.file}: $.optimizers[${i}].search: two search configurations are identical (${t.label}); widen the space or lower the budget`);
        origin.set(id, { entry: i, sample });
        trials.push({ ...t, id, phase: 'search' });
      }
    }
  });
  return { suite: { ...suite, trials }, origin, settings };
}

/** Per tuned entry and workload, the best search trial (see the module comment). */
export function selectConfigurations(suite: Suite, plan: SearchPlan, records: readonly TrialRecord[]): Array<Selection & { entry: number; workload: string; sample: Params | null }> {
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
    return {
      entry: g.entry,
      workload: g.workload,
      sample: best ? plan.origin.get(best.trial.id)!.sample : null,
      optimizer: ref.label ?? suite.trials.find((t) => t.config.optimizer.name === ref.name)?.config.optimizer.label ?? ref.name,
      name: ref.name,
      model: first.config.model,
      dataset: first.config.dataset,
      params: best ? best.trial.optimizer.params : null,
      searched: Object.keys(s.space).sort(),
      metric: s.metric,
      value: best ? best.value : null,
      trial: best ? best.trial.id : null,
      configs: done.length,
      seconds: done.reduce((a, r) => a + r.wallSeconds, 0),
      strategy: s.strategy,
      tuneability: expectedBest(
        done.map((r) => selectionValue(r, s.metric)).filter((v): v is number => v !== null),
        s.metric === 'valLoss',
      ),
    };
  });
}

/** The final phase's trials: chosen configurations on the search seeds, untuned entries as written. */
export function planFinal(suite: Suite, plan: SearchPlan, chosen: ReturnType<typeof selectConfigurations>, defaults = false): Suite {
  const spec = withoutSearch(suite.spec);
  const trials: Trial[] = [];
  spec.optimizers.forEach((r, i) => {
    const s = plan.settings[i];
    const ref = refObject(r);
    if (!s) {
      const sub = resolveSuite({ ...spec, optimizers: [ref] }, suite.file);
      trials.push(...sub.trials.map((t) => ({ ...t, phase: 'final' as const })));
      return;
    }
    for (const c of chosen.filter((x) => x.entry === i && x.sample)) {
      const sub = resolveSuite({ ...spec, optimizers: [entryWith(ref, c.sample!)], seeds: s.seeds }, suite.file);
      trials.push(...sub.trials.filter((t) => workloadKey(t) === c.workload).map((t) => ({ ...t, phase: 'final' as const })));
    }
  });
  if (defaults) {
    // The tuned entries as written (their own params, else the plugin's defaults), on the same seeds.
    spec.optimizers.forEach((r, i) => {
      const s = plan.settings[i];
      if (!s) return;
      const sub = resolveSuite({ ...spec, optimizers: [entryWith(refObject(r), {}, false)], seeds: s.seeds }, suite.file);
      trials.push(...sub.trials.map((t) => ({ ...t, id: `defaults-${t.id}`, phase: 'defaults' as const })));
    });
  }
  return { ...suite, trials };
}

/** Where the search phase writes: `<out>` without `.json`, plus `.search.json`. */
export function searchOutOf(out: string): string {
  return path.join(path.dirname(out), `${path.basename(out).replace(/\.json$/, '')}.search.json`);
}

/** Runs a tuning suite (see the module comment); returns the merged results document. */
export async function runTuning(suite: Suite, opts: RunOptions & { defaults?: boolean }): Promise<RunDocument> {
  if (opts.resume || opts.shard) throw new InputError(`${suite.file}: --resume and --shard are not supported for suites with a search yet`);
  const log = opts.log ?? (() => {});
  const plan = planSearch(suite);
  log(`search: ${plan.suite.trials.length} search trials`);
  const searchDoc = await runSuite(plan.suite, { ...opts, out: opts.out ? searchOutOf(opts.out) : undefined });
  const chosen = selectConfigurations(suite, plan, searchDoc.trials);
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

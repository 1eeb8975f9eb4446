/**
 * The search phase of a tuning run, in rounds: round 0 trains every search trial of the entries that
 * are not halved and the first rung of every halving bracket (core/search/halving.ts); each later round
 * trains the next rung of the brackets that have one, with the configurations the last rung promoted.
 * Each round is a `runSuite` continuing the last (core/run/resume.ts continuedRun): one search file and
 * trial log, rewritten after every trial. The document holds one record per configuration: where it
 * stopped. A configuration promoted past a rung is recorded by its later trial (the earlier one is its
 * first epochs, bit for bit), so that rung's record is dropped and only its time is kept (the rung's
 * `seconds`); one pruned is kept with `pruned: { atEpoch, rung, searchEpochs }`. Without halving it is
 * one round: runSuite on the search trials. Where the result cache holds the full-length trial of every
 * configuration of a bracket (a full search of the same space, run on this code and machine), the
 * bracket reports Kendall's tau between the two rankings. It chooses nothing (core/search/run.ts does).
 */
import { type RunOptions, runSuite } from '../run/run-suite';
import { continuedRun } from '../run/resume';
import type { RunDocument } from '../results/run-info';
import type { HalvingOutcome, RungOutcome } from '../results/selection';
import { cacheKeyOf, TrialCache } from '../results/trial-cache';
import type { TrialRecord } from '../train/record';
import type { Trial } from '../suite/types';
import { fullSearchAgreement, promote, type Rung, rungsOf, stoppedAt } from './halving';
import { selectionValue, workloadKey } from './select';
import type { SearchPlan, SearchSettings } from './settings';

/** A bracket as it runs: per configuration (sample order) its full trial, the trial of its current rung, the rung it reached. */
interface Bracket {
  settings: SearchSettings & { halving: NonNullable<SearchSettings['halving']> };
  rungs: Rung[];
  full: Trial[];
  current: Trial[];
  reached: number[];
  alive: number[];
  /** The rung last trained. */
  rung: number;
  done: boolean;
  outcome: RungOutcome[];
}

/** The search document and, per halving bracket (`<entry>|<workload>`), how it ran. */
export interface SearchOutcome {
  doc: RunDocument;
  brackets: Map<string, HalvingOutcome & { configs: number; seconds: number }>;
}

/** The halving brackets of `plan`, by `<entry>|<workload>`, each configuration at its first rung. */
function bracketsOf(plan: SearchPlan): Map<string, Bracket> {
  const brackets = new Map<string, Bracket>();
  for (const t of plan.suite.trials) {
    const { entry } = plan.origin.get(t.id)!;
    const s = plan.settings[entry]!;
    if (!s.halving) continue;
    const key = `${entry}|${workloadKey(t)}`;
    const b = brackets.get(key) ?? { settings: { ...s, halving: s.halving }, rungs: [], full: [], current: [], reached: [], alive: [], rung: 0, done: false, outcome: [] };
    b.full.push(t);
    brackets.set(key, b);
  }
  for (const b of brackets.values()) {
    b.rungs = rungsOf(b.full.length, b.settings.halving.eta, b.settings.halving.minEpochs, b.settings.epochs);
    b.current = b.full.map((t) => stoppedAt(t, b.rungs[0]!.epochs));
    b.reached = b.full.map(() => 0);
    b.alive = b.full.map((_, i) => i);
  }
  return brackets;
}

/** The search trials `plan` trains: every trial of the entries not halved, and each rung's of every bracket (fewer where some fail). */
export function searchTrialCount(plan: SearchPlan): number {
  const brackets = [...bracketsOf(plan).values()];
  const halved = brackets.reduce((n, b) => n + b.full.length, 0);
  return plan.suite.trials.length - halved + brackets.reduce((n, b) => n + b.rungs.reduce((m, r) => m + r.configs, 0), 0);
}

/** Decides the rung `b` just trained from `records` (by id): its outcome, the pruned records (marked), the next rung's trials. */
function decide(b: Bracket, records: ReadonlyMap<string, TrialRecord>, marked: Map<string, TrialRecord>): void {
  const rung = b.rungs[b.rung]!;
  const ran = b.alive.map((i) => records.get(b.current[i]!.id)).filter((r): r is TrialRecord => r !== undefined);
  const last = b.rung === b.rungs.length - 1;
  const kept = promote(ran, b.settings.metric, last ? 1 : b.rungs[b.rung + 1]!.configs);
  b.outcome.push({ epochs: rung.epochs, configs: ran.length, kept: kept.length, seconds: ran.reduce((a, r) => a + r.wallSeconds, 0) });
  if (last || kept.length === 0) {
    b.done = true;
    return;
  }
  const keep = new Set(kept.map((r) => r.id));
  for (const i of b.alive) {
    const r = records.get(b.current[i]!.id);
    if (r && !keep.has(r.id) && r.status === 'ok') marked.set(r.id, { ...r, pruned: { atEpoch: rung.epochs, rung: b.rung, searchEpochs: b.settings.epochs } });
  }
  b.alive = b.alive.filter((i) => keep.has(b.current[i]!.id));
  b.rung++;
  for (const i of b.alive) {
    b.current[i] = stoppedAt(b.full[i]!, b.rungs[b.rung]!.epochs);
    b.reached[i] = b.rung;
  }
}

/** Runs the search phase of `plan` (see the module comment), writing to `opts.out`. */
export async function runSearch(plan: SearchPlan, opts: RunOptions): Promise<SearchOutcome> {
  const brackets = bracketsOf(plan);
  const bracketOf = new Map<string, [Bracket, number]>();
  for (const b of brackets.values()) b.full.forEach((t, i) => bracketOf.set(t.id, [b, i]));
  const roundTrials = () => plan.suite.trials.map((t) => (bracketOf.has(t.id) ? bracketOf.get(t.id)![0].current[bracketOf.get(t.id)![1]]! : t));
  let trials = roundTrials();
  let doc = await runSuite({ ...plan.suite, trials }, opts);
  for (;;) {
    if (opts.signal?.aborted || !doc.complete) break;
    const records = new Map(doc.trials.map((r) => [r.id, r]));
    const marked = new Map<string, TrialRecord>();
    for (const b of brackets.values()) if (!b.done) decide(b, records, marked);
    const next = roundTrials();
    const carried = next.flatMap((t) => {
      const r = marked.get(t.id) ?? records.get(t.id);
      return r ? [r] : [];
    });
    if (carried.length === next.length) {
      // Nothing left to train: the decisions are the document's.
      doc = { ...doc, trials: carried };
      break;
    }
    trials = next;
    doc = await runSuite({ ...plan.suite, trials }, { ...opts, resume: continuedRun(doc, opts.out ?? '(in memory)', trials.map((t) => t.id), carried) });
  }
  return { doc, brackets: outcomes(brackets, doc, opts.cacheDir) };
}

/** Each bracket's outcome for the selection, with its agreement with a full search where the cache holds one. */
function outcomes(brackets: ReadonlyMap<string, Bracket>, doc: RunDocument, cacheDir: string | undefined): SearchOutcome['brackets'] {
  const cache = cacheDir ? new TrialCache(cacheDir) : undefined;
  const records = new Map(doc.trials.map((r) => [r.id, r]));
  const checksum = (t: Trial) => doc.datasets.find((d) => d.name === t.config.dataset)?.checksum ?? '';
  const result: SearchOutcome['brackets'] = new Map();
  for (const [key, b] of brackets) {
    const { eta, minEpochs } = b.settings.halving;
    const out: HalvingOutcome & { configs: number; seconds: number } = {
      configs: b.full.length,
      seconds: b.outcome.reduce((a, r) => a + r.seconds, 0),
      eta,
      minEpochs,
      sample: b.settings.sample,
      rungs: b.outcome,
    };
    const value = (r: TrialRecord | undefined) => (r ? selectionValue(r, b.settings.metric) : null);
    const full = cache ? b.full.map((t) => records.get(t.id) ?? cache.get(cacheKeyOf(t.id, checksum(t), doc.run.code, doc.environment.backend))) : [];
    if (b.done && cache && full.every((r) => r !== undefined)) {
      const agreement = fullSearchAgreement(
        b.current.map((t, i) => ({ rung: b.reached[i]!, value: value(records.get(t.id)) })),
        full.map(value),
        b.settings.metric === 'valLoss',
      );
      if (agreement) out.fullSearch = agreement;
    }
    result.set(key, out);
  }
  return result;
}

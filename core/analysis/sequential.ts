/**
 * The sequential mode of `bench run --seeds-until-separated MAX`, as decisions on a ranking: after
 * the suite's seeds, each look ranks the configurations and adds one seed to the best of each
 * workload and every configuration still tied with it, until every best is separated or the
 * configurations reach MAX seeds. Looking again after each seed and stopping at the first separation
 * would spend alpha at every look; the family-wise level holds over the looks by Bonferroni's
 * inequality (P(any look errs) <= the sum of the looks' levels): with n0 seeds in the suite there are
 * at most K = MAX - n0 + 1 looks, each held to alpha / K, and the ranking recorded is the last look's
 * at that level. (An alpha-spending rule such as Pocock's or O'Brien-Fleming's would spend less at
 * the first looks; Bonferroni needs no assumption about how the looks' statistics are correlated,
 * which paired and Wilcoxon tests on growing seed sets do not make easy to state.) Numbers and
 * rankings in, decisions out: it knows nothing of trials being trained or files.
 */
import { InputError } from '../util/errors';
import type { RankEntry } from './ranking';

/** The looks of a sequential run and the level each is held to. */
export interface SequentialPlan {
  /** The most seeds a configuration gets, counting the suite's (`--seeds-until-separated`). */
  maxSeeds: number;
  /** The family-wise level asked for (`--alpha`), spent over the looks. */
  alpha: number;
  /** Looks at most: one at the suite's seeds and one after each seed added. */
  looks: number;
  /** alpha / looks: the level of every look, and of the ranking recorded. */
  alphaPerLook: number;
}

/** What a sequential run records (the results' `run.sequential`). */
export interface SequentialRecord extends SequentialPlan {
  /** Each seed added after a look, with the configurations (ids) it was added to. */
  added: Array<{ seed: number; configs: string[] }>;
  /** Why the looks ended: every workload's best separated, the most seeds reached; null while they go on (or a signal stopped them). */
  stopped: 'separated' | 'max-seeds' | null;
}

/** The plan for a suite of `suiteSeeds` seeds run up to `maxSeeds` (see the module comment); an InputError when that adds none. */
export function sequentialPlan(suiteSeeds: number, maxSeeds: number, alpha: number): SequentialPlan {
  if (!Number.isInteger(maxSeeds) || maxSeeds <= suiteSeeds) {
    throw new InputError(`--seeds-until-separated ${maxSeeds}: the suite already runs ${suiteSeeds} seed${suiteSeeds === 1 ? '' : 's'}; give more than ${suiteSeeds}`);
  }
  const looks = maxSeeds - suiteSeeds + 1;
  return { maxSeeds, alpha, looks, alphaPerLook: alpha / looks };
}

/**
 * The configurations to add a seed to, from a ranking made at the look's level `alpha`: per
 * workload, when some configuration is still tied with the best, the best and those. Tied: every
 * trial ok, and its test against the best not significant (Holm-adjusted p >= alpha) or not possible
 * yet (a single seed). A configuration with a diverged, failed or timed-out trial ranks last and gets
 * no seed. Ids in ranking order.
 */
export function stillTied(ranking: readonly RankEntry[], alpha: number): string[] {
  const workloads = new Map<string, RankEntry[]>();
  for (const e of ranking) workloads.set(`${e.model}/${e.dataset}`, [...(workloads.get(`${e.model}/${e.dataset}`) ?? []), e]);
  const complete = (e: RankEntry) => e.ok > 0 && e.ok === e.trials;
  return [...workloads.values()].flatMap(([best, ...rest]) => {
    if (!best || !complete(best)) return [];
    const tied = rest.filter((e) => complete(e) && (!e.vsBest || e.vsBest.pAdjusted >= alpha));
    return tied.length > 0 ? [best, ...tied].map((e) => e.configId) : [];
  });
}

/** The seed a look adds: one past the largest seed run so far. */
export function nextSeed(seeds: readonly number[]): number {
  return Math.max(...seeds) + 1;
}

/** The line printed under a sequential run's ranking. */
export function describeSequential(r: SequentialRecord): string {
  const level = Number(r.alphaPerLook.toPrecision(3));
  const added =
    r.added.length === 0
      ? 'no seed added'
      : r.added.map((a, i) => (i === 0 ? `seed ${a.seed} added to ${a.configs.length} configuration${a.configs.length === 1 ? '' : 's'}` : `seed ${a.seed} to ${a.configs.length}`)).join(', ');
  const stopped =
    r.stopped === 'separated'
      ? "stopped: every workload's best is separated from the rest"
      : r.stopped === 'max-seeds'
        ? `stopped at ${r.maxSeeds} seeds with configurations still tied with the best`
        : 'stopped before its end';
  return `Sequential (--seeds-until-separated ${r.maxSeeds}): alpha = ${r.alpha} spent over ${r.looks} looks (Bonferroni), each look and this ranking at alpha = ${level}; ${added}; ${stopped}.`;
}

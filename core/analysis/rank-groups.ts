/**
 * Rank groups: which configurations of one workload, sorted best first, share a rank. Walking down
 * the list, each configuration is tested (core/analysis/seed-tests.ts: paired where seeds are shared,
 * Welch's t-test otherwise) against the leader of the current group, the best configuration not yet
 * separated from those above it; it shares the leader's rank when the test is not significant at
 * alpha, and otherwise opens a new group at its position (competition ranking: 1, 1, 3). Comparing
 * with the group's leader, not with the neighbour, keeps "not significant" from chaining down the
 * table.
 *
 * A leader's family is its comparisons with every testable configuration below it, and Holm's
 * step-down adjustment (core/analysis/multiple.ts) runs over that family, so "shares rank 1" is a
 * family-wise statement: with probability at least 1 - alpha, no configuration was separated from
 * the best by chance. The first family, the best against each of the others, is also every
 * configuration's `vsBest`. Configurations with a single value cannot be tested: they tie only on
 * equal means and take no part in a family. Knows nothing of trials or metrics: values by seed in,
 * ranks and tests out.
 */
import { adjustPValues, type Correction } from './multiple';
import { compareSeeds, type SeedValues, type TestChoice, type TestResult } from './seed-tests';

/** A configuration as the rank groups see it. */
export interface Contender {
  /** Whether it may tie at all (complete, every seed counted); others only take their position. */
  testable: boolean;
  /** The ranked metric by seed. */
  values: SeedValues;
  /** The mean of the ranked metric; undefined when there is none. */
  mean: number | undefined;
}

/** A test of a configuration against its leader, with its p adjusted over the leader's family. */
export interface FamilyTest extends TestResult {
  pAdjusted: number;
}

export interface GroupOptions {
  alpha: number;
  test: TestChoice;
  correction: Correction;
}

export interface Groups {
  /** The rank of each contender, in the order given. */
  ranks: number[];
  /** Each contender's test against the first (the best): undefined for the first, null where it cannot be made. */
  vsBest: Array<FamilyTest | null | undefined>;
}

/**
 * The family of `leader`: its tests against every testable contender after it (by index), `a` the
 * contender and `b` the leader, p adjusted by `correction`.
 */
function familyOf(sorted: readonly Contender[], leader: number, opts: GroupOptions): Map<number, FamilyTest> {
  const tests: Array<[number, TestResult]> = [];
  if (!sorted[leader]!.testable) return new Map();
  sorted.forEach((c, i) => {
    if (i <= leader || !c.testable) return;
    const r = compareSeeds(c.values, sorted[leader]!.values, { choice: opts.test });
    if (r) tests.push([i, r]);
  });
  const adjusted = adjustPValues(
    tests.map(([, r]) => r.p),
    opts.correction,
  );
  return new Map(tests.map(([i, r], j) => [i, { ...r, pAdjusted: adjusted[j]! }]));
}

/** The rank groups of contenders sorted best first (see the module comment). */
export function rankGroups(sorted: readonly Contender[], opts: GroupOptions): Groups {
  const ranks: number[] = [];
  let leader = -1;
  let family = new Map<number, FamilyTest>();
  sorted.forEach((c, i) => {
    let rank = i + 1;
    const lead = sorted[leader];
    if (lead && lead.testable && c.testable) {
      const test = family.get(i);
      if (test ? test.pAdjusted >= opts.alpha : lead.mean === c.mean) rank = ranks[leader]!;
    }
    ranks.push(rank);
    if (rank === i + 1) {
      leader = i;
      family = familyOf(sorted, i, opts);
    }
  });
  const best = sorted.length > 0 ? familyOf(sorted, 0, opts) : new Map<number, FamilyTest>();
  const vsBest = sorted.map((_, i) => (i === 0 ? undefined : (best.get(i) ?? null)));
  return { ranks, vsBest };
}

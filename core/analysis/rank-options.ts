/**
 * How a ranking is made: the suite's metric and target, and the statistics (alpha, the paired test,
 * the multiple-comparison correction, the intervals) with their defaults, shared by the ranking, its
 * note and every command that ranks (run, report, plan), and the choices each takes (here, so that a
 * command declares its options without loading the statistics). Only names and defaults: no computation.
 */
import type { PostHoc } from './friedman';
import type { IntervalMethod } from './intervals';
import type { Correction } from './multiple';
import type { TestChoice } from './seed-tests';
import type { RankMetric, Target } from '../suite/types';

/** The significance level at which configurations are told apart. */
export const DEFAULT_ALPHA = 0.05;

/** The statistics a ranking makes; each has a default in DEFAULT_STATS. */
export interface StatsOptions {
  alpha?: number;
  /** The paired test where seeds are shared (`auto`: paired t below 6 seeds, Wilcoxon from 6), or `welch`: no pairing. */
  test?: TestChoice;
  correction?: Correction;
  interval?: IntervalMethod;
}

/** The values each choice takes. */
export const TEST_CHOICES: readonly TestChoice[] = ['auto', 't', 'wilcoxon', 'welch'];
export const CORRECTIONS: readonly Correction[] = ['holm', 'none'];
export const INTERVAL_METHODS: readonly IntervalMethod[] = ['bootstrap', 't'];
/** The post-hoc tests of the critical-difference diagram (bench report --posthoc). */
export const POST_HOCS: readonly PostHoc[] = ['nemenyi', 'holm'];

/** The defaults: alpha 0.05, test auto, Holm's correction, bootstrap intervals. */
export const DEFAULT_STATS: Required<StatsOptions> = { alpha: DEFAULT_ALPHA, test: 'auto', correction: 'holm', interval: 'bootstrap' };

/** How to rank; a suite file (`rankBy`, `target`) will do. */
export interface RankOptions extends StatsOptions {
  rankBy?: RankMetric;
  target?: Target;
}

/** The statistics of `opts` with the defaults filled in (an option set to undefined takes its default). */
export function resolveStats(opts: StatsOptions = {}): Required<StatsOptions> {
  return {
    alpha: opts.alpha ?? DEFAULT_STATS.alpha,
    test: opts.test ?? DEFAULT_STATS.test,
    correction: opts.correction ?? DEFAULT_STATS.correction,
    interval: opts.interval ?? DEFAULT_STATS.interval,
  };
}

/**
 * The `selection[]` section of a tuning run's results: what the search chose for each optimizer entry and
 * workload. Types only: choosing is core/search/select.ts.
 */

import type { Sampler, SelectionMetric, Strategy } from '../suite/types';

export type { SelectionMetric };

/** One rung of a successive-halving bracket as it ran. */
export interface RungOutcome {
  /** Epochs each of its configurations trained (from the start: trials are not checkpointed). */
  epochs: number;
  /** Configurations it trained. */
  configs: number;
  /** Configurations it promoted to the next rung (the last rung: 1, the chosen one; 0 when none finished). */
  kept: number;
  /** Wall seconds of its trials. */
  seconds: number;
}

/** A successive-halving search's bracket: its settings, its rungs, and its agreement with a full search. */
export interface HalvingOutcome {
  eta: number;
  minEpochs: number;
  sample: Sampler;
  rungs: RungOutcome[];
  /**
   * Where a full search of the same configurations exists (its trials in --cache-dir): Kendall's tau-b
   * between the halving's ranking and the full search's, over the configurations that finished in both.
   */
  fullSearch?: { configs: number; kendallTau: number };
}

/** What a tuning run chose for one optimizer entry on one workload (the results' `selection[]`). */
export interface Selection {
  /** The optimizer entry's label as the suite names it (its `label`, else its name and given params): its trials' `entry`. */
  optimizer: string;
  name: string;
  model: string;
  dataset: string;
  /** The chosen hyper-parameters (all of them, defaults included); null when no search trial finished. */
  params: Record<string, unknown> | null;
  /** The hyper-parameters the search varied. */
  searched: string[];
  metric: SelectionMetric;
  value: number | null;
  /** Id of the chosen search trial. */
  trial: string | null;
  /** Configurations tried. */
  configs: number;
  /** Wall seconds of the search trials (every rung's, with halving). */
  seconds: number;
  strategy: Strategy;
  /** The seed the search trials trained on (and the sampling drew from); by default not one of the final seeds. */
  searchSeed?: number;
  /** Expected best validation metric after n = 1..configs configurations (core/search/tuneability.ts); finished trials only; absent with halving (its configurations stop at different epochs). */
  tuneability?: number[];
  /** `strategy: "halving"`: the bracket (core/search/halving.ts). */
  halving?: HalvingOutcome;
}

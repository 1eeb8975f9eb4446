/**
 * The `selection[]` section of a tuning run's results: what the search chose for each optimizer entry and
 * workload. Types only: choosing is core/search/select.ts.
 */

import type { SelectionMetric } from '../suite/types';

export type { SelectionMetric };

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
  /** Wall seconds of the search trials. */
  seconds: number;
  strategy: 'grid' | 'random' | 'quasirandom';
  /** The seed the search trials trained on (and the sampling drew from); by default not one of the final seeds. */
  searchSeed?: number;
  /** Expected best validation metric after n = 1..configs configurations (core/search/tuneability.ts); finished trials only. */
  tuneability?: number[];
}

/**
 * `bench validate SUITE` as one call: the suite file loaded and checked (schema, plugin names,
 * hyper-parameters), a tuning suite planned as `bench run` plans it (every search dimension checked
 * against its optimizer), and an account of what it would train. Knows nothing of the command line.
 */
import { loadSuite } from '../suite/load';
import { hasSearch, planTuning } from './run';

/** What `validateSuiteFile` found: lines to show (the first says what the suite trains), and warnings. */
export interface SuiteCheck {
  lines: string[];
  /** The search plan's warnings (a search seed among the final seeds), plugin modules that failed to load. */
  warnings: string[];
}

/** Loads and checks `file` (an InputError naming every problem otherwise) and says what it trains. */
export function validateSuiteFile(file: string): SuiteCheck {
  const suite = loadSuite(file);
  const broken = suite.registry.broken.map((b) => `plugin module ${b.source} is broken: ${b.error}`);
  const name = `${file}: valid suite "${suite.spec.name}"`;
  if (hasSearch(suite.spec)) {
    const plan = planTuning(suite);
    return {
      lines: [`${name}: ${plan.searchTrials} search trials + ${plan.finalTrials} final trials`, ...plan.lines.map((l) => `  ${l}`)],
      warnings: [...plan.search.warnings, ...broken],
    };
  }
  const configs = new Set(suite.trials.map((t) => t.configId)).size;
  const seeds = suite.spec.seeds.length;
  return {
    lines: [`${name}: ${configs} configuration${configs === 1 ? '' : 's'} x ${seeds} seed${seeds === 1 ? '' : 's'} = ${suite.trials.length} trials`],
    warnings: broken,
  };
}

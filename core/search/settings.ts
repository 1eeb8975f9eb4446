/**
 * A tuning suite's search settings, per optimizer entry: its own `search` block over the suite's,
 * every default filled in, every space dimension checked against the optimizer's parameter schema.
 *
 * - A suite-level space tunes every entry without a space of its own, dimension by dimension: a
 *   dimension applies to the entries whose optimizer has that parameter (`momentum` tunes sgd, not
 *   adam). A dimension that is a parameter of none of those entries is an error, and so is an entry
 *   that none of the dimensions applies to. An entry's own space is its own: each of its dimensions must
 *   be one of its optimizer's parameters.
 * - Every value a dimension can give must be valid for the parameter: the values of a list or
 *   `choice` one by one, the two ends of a range (core/search/space.ts keeps every value drawn between
 *   them); a range needs a number parameter and low < high.
 * - The search seed defaults to the smallest seed (0, 1, 2, ...) that is not one of the final seeds, so
 *   that no final trial retrains a search trial (a final trial on the search seed would repeat the
 *   chosen trial and bias the tuned mean upward; DeepOBS and AlgoPerf rerun on fresh seeds). A
 *   `searchSeed` among the final seeds is allowed, with a warning.
 *
 * All problems are reported at once, each with its JSON path, as `resolveSuite` reports its own.
 */
import type { OptimizerPlugin, Params } from '../plugin/contracts';
import { type ParamIssue, resolveParams } from '../plugin/params';
import { didYouMean } from '../util/did-you-mean';
import { resolveSuite, type Suite, suiteError } from '../suite/load';
import type { OptimizerRef, Sampler, SearchBlock, SuiteFile } from '../suite/types';
import type { SelectionMetric } from '../results/selection';
import type { Dimension, Space, Strategy } from './space';
import { rungsOf } from './halving';
import { type HalvingSettings, halvingOf, unequalBrackets } from './halving-settings';

export type { SearchBlock };

/** A search block with every default filled in, for one optimizer entry. */
export interface SearchSettings {
  /** The dimensions that tune this entry (of a suite-level space: those that are its parameters). */
  space: Space;
  strategy: Strategy;
  /** How the configurations are drawn: the strategy, or with halving its `sample`. */
  sample: Sampler;
  /** `strategy: "halving"`: its rate and first rung (defaults eta 3, minEpochs 1). */
  halving?: HalvingSettings;
  configs: number;
  metric: SelectionMetric;
  /** The final seeds: the chosen configuration is rerun on them. */
  seeds: number[];
  searchSeed: number;
  epochs: number;
}

/** The search settings of every optimizer entry of a suite. */
export interface TuningSettings {
  /** Per optimizer entry: its settings, or undefined when it is not tuned. */
  settings: Array<SearchSettings | undefined>;
  /** Per optimizer entry: its label as the suite names it (the `entry` of its trials). */
  labels: string[];
  /** Things allowed but probably not meant (a search seed among the final seeds), each with its JSON path. */
  warnings: string[];
}

/** The search phase of a tuning suite: its trials, and what each belongs to. */
export interface SearchPlan {
  suite: Suite;
  /** Per search trial id: its optimizer entry and the sample it trains. */
  origin: Map<string, { entry: number; sample: Params }>;
  /** Per optimizer entry: its search settings, or undefined when it is not tuned. */
  settings: Array<SearchSettings | undefined>;
  /** Per optimizer entry: the configurations its search trains (empty when it is not tuned). */
  samples: Params[][];
  /** Per optimizer entry: its label as the suite names it (the trials' `entry`). */
  labels: string[];
  /** Allowed but probably not meant (core/search/settings.ts), each with its JSON path. */
  warnings: string[];
}

/** Quasirandom search draws from a Halton sequence over at most this many dimensions (core/search/space.ts). */
const MAX_QUASIRANDOM_DIMENSIONS = 15;

/** An optimizer entry as an object, with its own search block. */
export type RefObject = Exclude<OptimizerRef, string>;

/** An optimizer entry as an object. */
export const refObject = (r: OptimizerRef): RefObject => (typeof r === 'string' ? { name: r } : r);

/** The suite without its suite-level search block. */
export function withoutSearch(spec: SuiteFile): SuiteFile {
  const { search: _search, ...rest } = spec;
  return rest;
}

/** Whether any optimizer of the suite is tuned. */
export function hasSearch(spec: SuiteFile): boolean {
  return spec.optimizers.some((_, i) => isTuned(spec, i));
}

/**
 * Whether optimizer entry `i` is tuned: it has its own search block, or the suite's block has a space
 * (a suite-level block without a space only gives defaults to the entries' own blocks).
 */
export function isTuned(spec: SuiteFile, i: number): boolean {
  return refObject(spec.optimizers[i]!).search !== undefined || spec.search?.space !== undefined;
}

/** The default search seed: the smallest seed (0, 1, 2, ...) that is not one of `finalSeeds`. */
export function defaultSearchSeed(finalSeeds: readonly number[]): number {
  let seed = 0;
  while (finalSeeds.includes(seed)) seed++;
  return seed;
}

/** The label of each optimizer entry as the suite's trials name it (its `label`, else its name, given params and schedule). */
function entryLabels(suite: Suite): string[] {
  const spec = withoutSearch(suite.spec);
  return spec.optimizers.map((r) => {
    const { search: _search, ...ref } = refObject(r);
    return resolveSuite({ ...spec, optimizers: [ref] }, suite.file).trials[0]!.config.optimizer.label;
  });
}

/** Whether `k` is a parameter of `plugin` (its own property: not `constructor` and the like). */
const isParam = (plugin: OptimizerPlugin, k: string) => Object.hasOwn(plugin.params.properties, k);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const article = (w: string) => (/^[aeiou]/.test(w) ? `an ${w}` : `a ${w}`);

/** `"k" is not a parameter of ...`, naming the parameters of `plugins` and the closest one. */
function notAParameter(k: string, plugins: readonly OptimizerPlugin[]): string {
  const distinct = [...new Map(plugins.map((p) => [p.name, p])).values()];
  const names = (p: OptimizerPlugin) => Object.keys(p.params.properties);
  const all = [...new Set(distinct.flatMap(names))];
  const hint = didYouMean(k, all).trim().replace(/^\((.*)\)$/, '$1');
  const whose =
    distinct.length === 1
      ? `its parameters: ${names(distinct[0]!).join(', ')}`
      : distinct.map((p) => `${p.name}: ${names(p).join(', ')}`).join('; ');
  const of = distinct.length === 1 ? distinct[0]!.name : `${distinct.slice(0, -1).map((p) => p.name).join(', ')} or ${distinct[distinct.length - 1]!.name}`;
  return `"${k}" is not a parameter of ${of} (${whose}${hint ? `; ${hint}` : ''})`;
}

/** Why value `v` of dimension `k` is not valid for `plugin`, or undefined when it is. */
function valueProblem(plugin: OptimizerPlugin, k: string, v: unknown): string | undefined {
  const own = resolveParams(plugin.params, { [k]: v }, '').issues.filter((i) => i.path === `.${k}` || i.path.startsWith(`.${k}[`) || i.path.startsWith(`.${k}.`));
  if (own.length === 0) return undefined;
  const why = own.map((i) => (i.path === `.${k}` ? i.message : `${i.path.slice(1)} ${i.message}`)).join(', ');
  return `${JSON.stringify(v)} is not a valid ${k} of ${plugin.name} (${why})`;
}

/** The problems of dimension `d` (at JSON path `at`) as values of parameter `k` of `plugin`. */
function dimensionIssues(plugin: OptimizerPlugin, k: string, d: Dimension, at: string): ParamIssue[] {
  const issueOf = (v: unknown, path: string): ParamIssue[] => {
    const message = valueProblem(plugin, k, v);
    return message ? [{ path, message }] : [];
  };
  if (Array.isArray(d)) return d.flatMap((v, j) => issueOf(v, `${at}[${j}]`));
  if ('choice' in d) return d.choice.flatMap((v, j) => issueOf(v, `${at}.choice[${j}]`));
  const kind = 'logUniform' in d ? 'logUniform' : 'uniform';
  const [lo, hi] = 'logUniform' in d ? d.logUniform : d.uniform;
  const type = plugin.params.properties[k]!.type;
  if (type !== undefined && type !== 'number' && !(Array.isArray(type) && type.includes('number'))) {
    return [{ path: at, message: `a ${kind} range needs a number parameter, and ${k} of ${plugin.name} is ${article(String(type))}; give a list or {"choice": [...]}` }];
  }
  if (!(lo < hi)) return [{ path: `${at}.${kind}`, message: 'expected [low, high] with low < high' }];
  return [...issueOf(lo, `${at}.${kind}[0]`), ...issueOf(hi, `${at}.${kind}[1]`)];
}

/**
 * The search settings of every optimizer entry of `suite` (see the module comment); an InputError
 * naming every problem, each with its JSON path, when a search block does not fit the optimizers.
 */
export function resolveSearch(suite: Suite): TuningSettings {
  const spec = suite.spec;
  const issues: ParamIssue[] = [];
  const warnings: string[] = [];
  const suiteSpace = spec.search?.space;
  /** Suite-level dimensions: the entries they apply to, and the optimizers of the entries they were offered. */
  const offered = new Map<string, { applies: number; plugins: OptimizerPlugin[] }>(Object.keys(suiteSpace ?? {}).map((k) => [k, { applies: 0, plugins: [] }]));
  const unfit: Array<{ entry: number; plugin: OptimizerPlugin }> = [];
  const settings = spec.optimizers.map((r, i): SearchSettings | undefined => {
    if (!isTuned(spec, i)) return undefined;
    const ref = refObject(r);
    const own = ref.search;
    const b: SearchBlock = { ...spec.search, ...own };
    const plugin = suite.registry.get('optimizer', ref.name)!;
    const strategy = b.strategy ?? 'quasirandom';
    let space: Space = {};
    let at = '$.search.space';
    if (own?.space !== undefined || !suiteSpace || Object.keys(suiteSpace).length === 0) {
      at = `$.optimizers[${i}].search.space`;
      if (!b.space || Object.keys(b.space).length === 0) {
        issues.push({ path: `$.optimizers[${i}]`, message: `its search has no "space" (give one in the optimizer's "search" or the suite's)` });
      } else {
        for (const [k, d] of Object.entries(b.space)) {
          if (!isParam(plugin, k)) issues.push({ path: `${at}.${k}`, message: notAParameter(k, [plugin]) });
          else issues.push(...dimensionIssues(plugin, k, d, `${at}.${k}`));
        }
        space = b.space;
      }
    } else {
      for (const [k, d] of Object.entries(suiteSpace)) {
        const o = offered.get(k)!;
        o.plugins.push(plugin);
        if (!isParam(plugin, k)) continue;
        o.applies++;
        space[k] = d;
        issues.push(...dimensionIssues(plugin, k, d, `${at}.${k}`));
      }
      if (Object.keys(space).length === 0) unfit.push({ entry: i, plugin });
    }
    const sample: Sampler = strategy === 'halving' ? (b.halving?.sample ?? 'quasirandom') : strategy;
    const epochs = b.epochs ?? spec.epochs;
    const halving = halvingOf(b, epochs, own?.halving !== undefined || own?.strategy !== undefined ? `$.optimizers[${i}].search` : '$.search', issues);
    if (sample === 'quasirandom' && Object.keys(space).length > MAX_QUASIRANDOM_DIMENSIONS) {
      issues.push({ path: at, message: `a quasirandom search has at most ${MAX_QUASIRANDOM_DIMENSIONS} dimensions (${plugin.name} gets ${Object.keys(space).length}); use "random" or fewer` });
    }
    const seeds = b.seeds ?? spec.seeds;
    if (b.searchSeed !== undefined && seeds.includes(b.searchSeed)) {
      const where = own?.searchSeed !== undefined ? `$.optimizers[${i}].search.searchSeed` : '$.search.searchSeed';
      warnings.push(
        `${where}: ${b.searchSeed} is one of the final seeds (${seeds.join(', ')}): the final trial on seed ${b.searchSeed} retrains the chosen search trial, ` +
          `which biases the tuned mean upward; leave searchSeed out (default: the smallest seed not among the final seeds, here ${defaultSearchSeed(seeds)}) or choose another`,
      );
    }
    return {
      space,
      strategy,
      sample,
      ...(halving ? { halving } : {}),
      configs: b.budget?.configs ?? 8,
      metric: b.metric ?? 'valAccuracy',
      seeds,
      searchSeed: b.searchSeed ?? defaultSearchSeed(seeds),
      epochs,
    };
  });
  warnings.push(...unequalBrackets(settings, spec.optimizers.map((r) => refObject(r).label ?? refObject(r).name)));
  // A dimension that applies to no entry is the error; an entry left without one only when others took some.
  for (const [k, o] of offered) if (o.applies === 0 && o.plugins.length > 0) issues.push({ path: `$.search.space.${k}`, message: notAParameter(k, o.plugins) });
  if ([...offered.values()].some((o) => o.applies > 0)) {
    const dims = Object.keys(suiteSpace ?? {}).join(', ');
    for (const u of unfit) {
      issues.push({ path: `$.optimizers[${u.entry}]`, message: `no dimension of $.search.space (${dims}) is a parameter of ${u.plugin.name}; give it its own "search" block` });
    }
  }
  if (settings.some((s) => s !== undefined) && !(spec.validationFraction > 0)) {
    issues.push({ path: '$.validationFraction', message: 'a search selects on the validation split; expected a fraction > 0' });
  }
  const labels = issues.length === 0 ? entryLabels(suite) : [];
  labels.forEach((l, i) => {
    const first = labels.indexOf(l);
    if (first < i && (settings[i] || settings[first])) {
      issues.push({ path: `$.optimizers[${i}]`, message: `its label "${l}" is also $.optimizers[${first}]'s; the entries of a tuning suite need distinct labels (each trial records its entry by label)` });
    }
  });
  const seen = new Set<string>();
  const distinct = issues.filter((x) => !seen.has(`${x.path}\n${x.message}`) && seen.add(`${x.path}\n${x.message}`));
  if (distinct.length > 0) throw suiteError(suite.file, distinct);
  return { settings, labels, warnings: [...new Set(warnings)] };
}

/** `sgd: 6 quasirandom configurations of lr on search seed 0 for 1 epoch, the best rerun on seeds 1, 2`. */
export function describeEntry(label: string, s: SearchSettings | undefined, samples: readonly Params[], suiteSeeds: readonly number[]): string {
  const seeds = (list: readonly number[]) => `${list.length === 1 ? 'seed' : 'seeds'} ${list.join(', ')}`;
  if (!s) return `${label}: untuned, on ${seeds(suiteSeeds)}`;
  if (s.halving) {
    const rungs = rungsOf(samples.length, s.halving.eta, s.halving.minEpochs, s.epochs);
    return (
      `${label}: successive halving of ${samples.length} ${s.sample} configuration${samples.length === 1 ? '' : 's'} of ${Object.keys(s.space).sort().join(', ')} on search seed ${s.searchSeed} ` +
      `(eta ${s.halving.eta}: ${rungs.map((r) => `${r.configs} for ${plural(r.epochs, 'epoch')}`).join(', ')}), the best rerun on ${seeds(s.seeds)}`
    );
  }
  return (
    `${label}: ${samples.length} ${s.strategy} configuration${samples.length === 1 ? '' : 's'} of ${Object.keys(s.space).sort().join(', ')} ` +
    `on search seed ${s.searchSeed} for ${plural(s.epochs, 'epoch')}, the best rerun on ${seeds(s.seeds)}`
  );
}

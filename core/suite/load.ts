/**
 * Loading a suite: the JSON file read, validated against core/schemas/suite.schema.json (defaults filled
 * in), and resolved against the plugin registry, models and datasets: every name known, every
 * hyper-parameter and schedule valid, all problems reported at once with their JSON paths. The resolved
 * choices are expanded into trials by core/suite/expand.ts; how trials are labelled and identified is
 * not known here.
 */
import * as path from 'node:path';
import Ajv from 'ajv';
import type { LayerRegularizerPlugin, Placement, PluginKind, PluginOfKind } from '../plugin/contracts';
import { DATASETS } from '../data';
import { InputError } from '../util/errors';
import { nonFiniteProblems, readJsonFile } from '../util/json';
import { findModel } from '../models';
import { describeAjvErrors, type ParamIssue, resolveParams } from '../plugin/params';
import { Registry } from '../plugin/registry';
import { didYouMean } from '../util/did-you-mean';
import { resolveScheduleIssues, scheduleLabel } from './schedules';
import { choiceLabel, expandGrid } from './expand';
import type { Choice, OptimizerChoice, OptimizerRef, PluginRef, RegularizerChoice, RegularizerRef, SuiteFile, Trial } from './types';
import suiteSchema from '../schemas/suite.schema.json';

/** A loaded suite: its file, the spec with schema defaults filled in, the registry it resolved against, and its trials. */
export interface Suite {
  file: string;
  spec: SuiteFile;
  registry: Registry;
  trials: Trial[];
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
const validateSuite = ajv.compile<SuiteFile>(suiteSchema);

const refObj = (r: PluginRef | RegularizerRef | OptimizerRef) => (typeof r === 'string' ? { name: r } : r);

/** Reads, validates and expands a suite file; every problem found is in one InputError. */
export function loadSuite(file: string, registry?: Registry): Suite {
  const raw = readJsonFile(file);
  return resolveSuite(raw, file, registry);
}

/** Validates and expands a parsed suite; `file` names it in errors and anchors relative plugin paths. */
export function resolveSuite(raw: unknown, file: string, registry: Registry = Registry.builtIn()): Suite {
  const spec = structuredClone(raw) as SuiteFile;
  // JSON.parse reads 1e999 as Infinity, and `--set lr=1e999` too; the schema's `type: number` takes it.
  const nonFinite = nonFiniteProblems(spec);
  if (nonFinite.length) throw suiteError(file, nonFinite);
  if (!validateSuite(spec)) {
    throw suiteError(file, describeAjvErrors(validateSuite.errors, '$'));
  }
  // For editors (completion, hover): not part of the suite as run, so it changes no results or comparison.
  delete spec.$schema;
  const issues: ParamIssue[] = [];
  if (spec.rankBy === 'timeToTarget' && !spec.target) issues.push({ path: '$.rankBy', message: 'ranking by timeToTarget needs a "target"' });
  (spec.plugins ?? []).forEach((p, i) => {
    const err = registry.loadExternal(p, path.dirname(path.resolve(file)));
    if (err) issues.push({ path: `$.plugins[${i}]`, message: `"${p}": ${err}` });
  });
  spec.models.forEach((m, i) => {
    const found = findModel(m);
    if (typeof found === 'string') issues.push({ path: `$.models[${i}]`, message: found });
  });
  spec.datasets.forEach((d, i) => {
    if (!DATASETS[d]) issues.push({ path: `$.datasets[${i}]`, message: `unknown dataset "${d}"${didYouMean(d, Object.keys(DATASETS))}` });
  });

  const resolve = <K extends PluginKind>(kind: K, ref: PluginRef | RegularizerRef | OptimizerRef, at: string): Choice | undefined => {
    const { name, params, label } = refObj(ref);
    const plugin = registry.get(kind, name) as PluginOfKind[K] | undefined;
    if (!plugin) {
      const broken = registry.broken.find((b) => path.basename(b.source).replace(/\.[jt]s$/, '') === name);
      issues.push({
        path: `${at}`,
        message: broken ? `${kind} "${name}" is in a broken module (${path.basename(broken.source)}): ${broken.error}` : `unknown ${kind} "${name}"${registry.suggest(kind, name)}`,
      });
      return undefined;
    }
    const r = resolveParams(plugin.params, params, `${at}.params`);
    issues.push(...r.issues);
    return { name, params: r.params, label: label ?? choiceLabel(name, params) };
  };

  const optimizers = spec.optimizers.map((r, i): OptimizerChoice | undefined => {
    const c = resolve('optimizer', r, `$.optimizers[${i}]`);
    const given = typeof r === 'string' ? undefined : r.schedule;
    if (given === undefined) return c;
    const s = resolveScheduleIssues(given, `$.optimizers[${i}].schedule`);
    issues.push(...s.issues);
    if (!c || !s.schedule) return undefined;
    const sl = scheduleLabel(s.schedule);
    return { ...c, label: typeof r !== 'string' && r.label ? c.label : sl ? `${c.label} ${sl}` : c.label, schedule: s.schedule };
  });
  const initializers = spec.initializers.map((r, i) => resolve('initializer', r, `$.initializers[${i}]`));
  const activations = spec.activations.map((r, i) => resolve('activation', r, `$.activations[${i}]`));
  const regularizerSets = spec.regularizers.map((set, i) =>
    set.map((r, j): RegularizerChoice | undefined => {
      const at = `$.regularizers[${i}][${j}]`;
      const c = resolve('regularizer', r, at);
      if (!c) return undefined;
      const plugin = registry.get('regularizer', c.name)!;
      const given = refObj(r) as { placement?: Placement[] };
      if (plugin.role === 'layer') return { ...c, placement: given.placement ?? (plugin as LayerRegularizerPlugin).defaultPlacement };
      if (given.placement) issues.push({ path: `${at}.placement`, message: `"${c.name}" is a loss penalty and has no placement` });
      return c;
    }),
  );
  if (issues.length > 0) throw suiteError(file, issues);

  const trials = expandGrid(spec, {
    optimizers: optimizers as OptimizerChoice[],
    regularizerSets: regularizerSets as RegularizerChoice[][],
    initializers: initializers as Choice[],
    activations: activations as Choice[],
  });
  const dup = findDuplicate(trials.map((t) => t.id));
  if (dup) throw new InputError(`${file}: two configurations are identical (trial id ${dup}); remove one`);
  return { file, spec, registry, trials };
}

function findDuplicate(ids: string[]): string | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}

/** The InputError of a suite with `issues`: one `path: message` line each, under the file's name. */
export function suiteError(file: string, issues: ParamIssue[]): InputError {
  const lines = issues.map((i) => `  ${i.path}: ${i.message}`);
  return new InputError(`${file}: not a valid suite (${issues.length} problem${issues.length > 1 ? 's' : ''})\n${lines.join('\n')}`);
}

/** What `bench list` shows: plugins with their hyper-parameters and defaults, models and datasets. */
import { PLUGIN_KINDS, type PluginKind } from '../plugin/contracts';
import { DATASETS } from '../data';
import { InputError } from '../util/errors';
import { describeSites, listedModels, summarizeModel } from '../models';
import { defaultParams } from '../plugin/params';
import { Registry } from '../plugin/registry';
import { didYouMean } from '../util/did-you-mean';

export interface CatalogueParam {
  name: string;
  type: string;
  default: unknown;
  description?: string;
}

export interface CatalogueEntry {
  kind: string;
  name: string;
  summary: string;
  params?: CatalogueParam[];
  /** Models: trainable parameters of the bare model (10 classes) and its regularizer sites. */
  parameters?: number;
  sites?: string;
}

export interface Catalogue {
  entries: CatalogueEntry[];
  broken: Array<{ source: string; error: string }>;
}

const SECTIONS = [...PLUGIN_KINDS.map((k) => `${k}s`), 'models', 'datasets'];

/** The catalogue, or one section of it (`optimizers`, `optimizer`, `models`, ...). */
export function listCatalogue(section?: string, registry = Registry.builtIn()): Catalogue {
  const want = section ? (section.endsWith('s') ? section : `${section}s`) : undefined;
  if (want && !SECTIONS.includes(want)) throw new InputError(`bench list: unknown kind "${section}"${didYouMean(want, SECTIONS)}; expected one of ${SECTIONS.join(', ')}`);
  const entries: CatalogueEntry[] = [];
  for (const kind of PLUGIN_KINDS) {
    if (want && want !== `${kind}s`) continue;
    for (const p of registry.list(kind as PluginKind)) {
      const defaults = defaultParams(p.params);
      const params = Object.entries(p.params.properties).map(([name, s]) => ({
        name,
        type: typeName(s),
        default: defaults[name],
        ...(typeof s.description === 'string' ? { description: s.description } : {}),
      }));
      entries.push({ kind, name: p.name, summary: p.summary, params });
    }
  }
  if (!want || want === 'models') {
    for (const m of listedModels()) {
      const sum = summarizeModel(m);
      entries.push({ kind: 'model', name: m.name, summary: m.summary, parameters: sum.params, sites: describeSites(sum) });
    }
  }
  if (!want || want === 'datasets') for (const d of Object.values(DATASETS)) entries.push({ kind: 'dataset', name: d.name, summary: d.summary });
  return { entries, broken: registry.broken };
}

/** `number`, `number[2]`, `"a"|"b"` for an enum: how a parameter's type reads in `bench list`. */
function typeName(s: Record<string, unknown>): string {
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join('|');
  if (Array.isArray(s.type)) return s.type.join('|');
  if (s.type === 'array') {
    const item = (s.items as { type?: unknown } | undefined)?.type;
    const n = s.minItems !== undefined && s.minItems === s.maxItems ? String(s.minItems) : '';
    return `${typeof item === 'string' ? item : 'any'}[${n}]`;
  }
  return String(s.type ?? 'any');
}

/** Plain-text rendering: one block per kind, one line per entry, its parameters indented. */
export function formatCatalogue(cat: Catalogue): string {
  const lines: string[] = [];
  let kind = '';
  for (const e of cat.entries) {
    if (e.kind !== kind) {
      if (kind) lines.push('');
      kind = e.kind;
      lines.push(`${kind}s:`);
    }
    lines.push(`  ${e.name.padEnd(16)} ${e.summary}`);
    if (e.parameters !== undefined) lines.push(`      ${e.parameters.toLocaleString('en-US')} parameters; regularizer sites: ${e.sites}`);
    for (const p of e.params ?? []) {
      lines.push(`      ${p.name} (${p.type}, default ${JSON.stringify(p.default)})${p.description ? `: ${p.description}` : ''}`);
    }
  }
  for (const b of cat.broken) lines.push(`broken plugin ${b.source}: ${b.error}`);
  return lines.join('\n');
}

/**
 * `bench run SUITE --set PATH=VALUE[,VALUE...]`: overrides or sweeps suite values from the command line,
 * applied to the parsed suite JSON before it is validated (so the schema and the registry judge the
 * result as if it had been written in the file).
 *
 * Paths:
 * - `epochs=3`, `timeoutSeconds=60`, `preprocessing.trainSubset=3000`: a suite key (dotted for nested
 *   objects). Keys whose value is a list (`seeds`, `models`, `datasets`, `plugins`) take the comma list
 *   as the list: `seeds=1,2,3`. Other keys take one value.
 * - `optimizer.NAME.KEY=...`: the optimizer entries named NAME (or labelled NAME; `*` for all). KEY is
 *   `label`, `timeoutSeconds`, or else a hyper-parameter (`params.KEY`). Several values expand each
 *   matching entry into one entry per value: `optimizer.adam.lr=0.001,0.01` sweeps Adam's learning rate.
 *
 * Values: numbers, `true`/`false`, JSON (`[...]`, `{...}`, quoted strings), else the text itself.
 */
import { InputError } from '../util/errors';

/** One parsed `--set`. */
export interface Override {
  /** The `--set` argument as given, for messages. */
  text: string;
  path: string[];
  values: unknown[];
}

const LIST_KEYS = new Set(['seeds', 'models', 'datasets', 'plugins']);
const OPTIMIZER_REF_KEYS = new Set(['label', 'timeoutSeconds']);

/** Parses one value: number, boolean, JSON, or text. */
export function parseValue(text: string): unknown {
  const t = text.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^[[{"]/.test(t)) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  }
  return t;
}

/** Splits `a,b,[1,2],c` on top-level commas (not inside brackets, braces or quotes). */
function splitValues(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '[' || ch === '{')) depth++;
    else if (!quoted && (ch === ']' || ch === '}')) depth--;
    if (ch === ',' && depth === 0 && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Parses `path=value[,value...]`; throws InputError naming the --set when it is malformed. */
export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError(`--set ${text}: expected PATH=VALUE[,VALUE...], e.g. epochs=3 or optimizer.adam.lr=0.001,0.01`);
  const path = text.slice(0, eq).trim().split('.');
  if (path.some((p) => p === '')) throw new InputError(`--set ${text}: "${text.slice(0, eq)}" is not a dotted path (empty part)`);
  const raw = splitValues(text.slice(eq + 1));
  if (raw.some((v) => v.trim() === '')) throw new InputError(`--set ${text}: expected a value after "=" (and between commas)`);
  return { text, path, values: raw.map(parseValue) };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies `overrides` in order to a copy of the parsed suite `raw`; returns the copy. */
export function applyOverrides(raw: unknown, overrides: readonly Override[]): unknown {
  if (!isObject(raw)) return raw; // validation will say what is wrong
  const suite = structuredClone(raw);
  for (const o of overrides) {
    if (o.path[0] === 'optimizer' || o.path[0] === 'optimizers') applyOptimizer(suite, o);
    else applySuiteKey(suite, o);
  }
  return suite;
}

function applySuiteKey(suite: Json, o: Override): void {
  let at: Json = suite;
  for (const key of o.path.slice(0, -1)) {
    const next = at[key] ?? {};
    if (!isObject(next)) throw new InputError(`--set ${o.text}: "${key}" is not an object in the suite`);
    at[key] = next;
    at = next;
  }
  const key = o.path[o.path.length - 1]!;
  if (o.path.length === 1 && LIST_KEYS.has(key)) at[key] = o.values;
  else if (o.values.length > 1) {
    throw new InputError(`--set ${o.text}: "${o.path.join('.')}" takes one value (only optimizer hyper-parameters sweep: optimizer.NAME.PARAM=a,b)`);
  } else at[key] = o.values[0];
}

function applyOptimizer(suite: Json, o: Override): void {
  if (o.path.length !== 3) throw new InputError(`--set ${o.text}: expected optimizer.NAME.KEY=VALUE[,VALUE...] (e.g. optimizer.adam.lr=0.001,0.01)`);
  const [, name, key] = o.path as [string, string, string];
  const list = suite.optimizers;
  if (!Array.isArray(list)) throw new InputError(`--set ${o.text}: the suite has no "optimizers" list`);
  const refs = list.map((r): Json => (typeof r === 'string' ? { name: r } : isObject(r) ? r : { name: String(r) }));
  const matches = (r: Json) => name === '*' || r.name === name || r.label === name;
  if (!refs.some(matches)) {
    const names = refs.map((r) => String(r.label ?? r.name)).join(', ');
    throw new InputError(`--set ${o.text}: no optimizer "${name}" in the suite (it has: ${names}; "*" names them all)`);
  }
  const out: Json[] = [];
  for (const r of refs) {
    if (!matches(r)) {
      out.push(r);
      continue;
    }
    for (const v of o.values) {
      const copy = structuredClone(r);
      if (OPTIMIZER_REF_KEYS.has(key)) copy[key] = v;
      else {
        copy.params = { ...(isObject(copy.params) ? copy.params : {}), [key]: v };
        // A labelled entry swept into several keeps distinct labels.
        if (o.values.length > 1 && typeof copy.label === 'string') copy.label = `${copy.label} ${key}=${String(v)}`;
      }
      out.push(copy);
    }
  }
  suite.optimizers = out;
}

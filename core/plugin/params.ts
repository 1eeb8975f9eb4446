/**
 * Hyper-parameter validation: a plugin's JSON Schema, checked by ajv, with defaults filled in.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Params, ParamsSchema } from './contracts';

// verbose: errors carry their schema, so that a broken if/then rule can be reported in its own words.
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true });
const compiled = new WeakMap<ParamsSchema, ValidateFunction>();

/** Compiles a parameter schema; throws if the schema itself is invalid (a broken plugin). */
export function compileParams(schema: ParamsSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile({ additionalProperties: false, ...schema });
    compiled.set(schema, v);
  }
  return v;
}

/** One problem with a value: its JSON path and what was expected. */
export interface ParamIssue {
  path: string;
  message: string;
}

/** The sentence of a broken if/then rule: its `then` schema's `description` (verbose errors only). */
function ruleOf(e: ErrorObject): string | undefined {
  if (e.keyword !== 'if') return undefined;
  const then = (e.parentSchema as { then?: { description?: unknown } } | undefined)?.then;
  return typeof then?.description === 'string' ? then.description : undefined;
}

/**
 * Formats ajv's errors as `path: message` pairs, `path` relative to `base`. A broken if/then rule whose
 * `then` has a `description` is that one sentence, in place of the errors of the `then` branch.
 */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined, base: string): ParamIssue[] {
  const all = errors ?? [];
  const ruled = all.filter((e) => ruleOf(e) !== undefined).map((e) => `${e.schemaPath.replace(/\/if$/, '')}/then/`);
  // A discriminator's own error (no branch for the tag's value, or no tag) repeats what the tag's enum or required says.
  const shown = all.filter((e) => e.keyword !== 'discriminator' && !ruled.some((prefix) => e.schemaPath.startsWith(prefix)));
  return shown.map((e) => {
    let path = base + e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
    let message = ruleOf(e) ?? e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      path = `${path}.${extra}`;
      message = 'is not a known parameter';
    } else if (e.keyword === 'false schema') {
      message = 'must not be present';
    } else if (e.keyword === 'enum') {
      message = `must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
    }
    return { path, message };
  });
}

/** Validates `given` against `schema` and returns a complete parameter object, or the issues found. */
export function resolveParams(
  schema: ParamsSchema,
  given: Params | undefined,
  base: string,
): { params: Params; issues: ParamIssue[] } {
  const params: Params = structuredClone(given ?? {});
  const validate = compileParams(schema);
  const ok = validate(params);
  return { params, issues: ok ? [] : describeAjvErrors(validate.errors, base) };
}

/** The defaults of a schema. */
export function defaultParams(schema: ParamsSchema): Params {
  return resolveParams(schema, {}, '').params;
}

/**
 * Hyper-parameter validation: a plugin's JSON Schema, checked by ajv, with defaults filled in.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Params, ParamsSchema } from './contracts';

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
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

/** Formats ajv's errors as `path: message` pairs, `path` relative to `base`. */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined, base: string): ParamIssue[] {
  return (errors ?? []).map((e) => {
    let path = base + e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      path = `${path}.${extra}`;
      message = 'is not a known parameter';
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

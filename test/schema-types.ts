/**
 * Type against schema: a TypeScript type (read with the compiler API) and a JSON Schema brought to one
 * shape each, and the differences between them, for test/schema-types.test.ts. A shape is what both can
 * say: the property names, whether a property is always there (the type: not optional; the schema:
 * required or given a default, which validation fills in), and each value's kind (number, string,
 * boolean, literals of an enum or const, arrays, fixed-length arrays as tuples, objects, unions of these).
 * Integers are numbers; ranges, patterns and descriptions are the schema's alone. This module knows
 * nothing of plugins or suites.
 */
import * as ts from 'typescript';

/** A value's kind, as a type and a schema can both say it. */
export type Shape =
  | { kind: 'number' | 'string' | 'boolean' | 'unknown' }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'union'; of: Shape[] }
  | { kind: 'array'; item: Shape }
  | { kind: 'tuple'; items: Shape[] }
  | { kind: 'object'; props: Record<string, Property>; rest?: Shape };

/** A property of an object shape: its value, and whether it is always present. */
export interface Property {
  shape: Shape;
  present: boolean;
}

type Schema = Record<string, unknown>;

const UNKNOWN: Shape = { kind: 'unknown' };

/** How a shape reads in a difference: `number`, `"a"|"b"`, `[number, number]`, `{a: number, b?: string}`. */
export function render(s: Shape): string {
  switch (s.kind) {
    case 'literal':
      return JSON.stringify(s.value);
    case 'union':
      return s.of.map(render).join(' | ');
    case 'array':
      return `${s.item.kind === 'union' ? `(${render(s.item)})` : render(s.item)}[]`;
    case 'tuple':
      return `[${s.items.map(render).join(', ')}]`;
    case 'object': {
      const props = Object.keys(s.props)
        .sort()
        .map((k) => `${k}${s.props[k]!.present ? '' : '?'}: ${render(s.props[k]!.shape)}`);
      if (s.rest) props.push(`[key]: ${render(s.rest)}`);
      return `{${props.join(', ')}}`;
    }
    default:
      return s.kind;
  }
}

/** One shape for the members: nested unions flattened, duplicates dropped, sorted; `true | false` is boolean. */
function union(members: Shape[]): Shape {
  const flat = members.flatMap((m) => (m.kind === 'union' ? m.of : [m]));
  const isBool = (v: boolean) => flat.some((m) => m.kind === 'literal' && m.value === v);
  const merged = isBool(true) && isBool(false) ? [...flat.filter((m) => m.kind !== 'literal' || typeof m.value !== 'boolean'), { kind: 'boolean' } as Shape] : flat;
  const byRender = new Map(merged.map((m) => [render(m), m]));
  const of = [...byRender.keys()].sort().map((k) => byRender.get(k)!);
  return of.length === 1 ? of[0]! : { kind: 'union', of };
}

/** The shape of a JSON Schema; `root` resolves `#/definitions/...` references. */
export function schemaShape(s: Schema, root: Schema = s): Shape {
  if (typeof s.$ref === 'string') {
    const target = s.$ref.replace(/^#\//, '').split('/').reduce<unknown>((o, k) => (o as Schema)[k], root);
    return schemaShape(target as Schema, root);
  }
  if (Array.isArray(s.enum)) return union(s.enum.map((value: string | number | boolean) => ({ kind: 'literal', value })));
  if ('const' in s) return { kind: 'literal', value: s.const as string | number | boolean };
  const alternatives = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (alternatives) return union(alternatives.map((a) => schemaShape(a, root)));
  if (Array.isArray(s.type)) return union(s.type.map((type: string) => schemaShape({ ...s, type }, root)));
  switch (s.type) {
    case 'number':
    case 'integer':
      return { kind: 'number' };
    case 'string':
      return { kind: 'string' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array': {
      const item = s.items ? schemaShape(s.items as Schema, root) : UNKNOWN;
      const n = s.minItems;
      return typeof n === 'number' && n === s.maxItems ? { kind: 'tuple', items: Array.from({ length: n }, () => item) } : { kind: 'array', item };
    }
    case 'object':
      return objectShape(s, root);
    default:
      return s.properties ? objectShape(s, root) : UNKNOWN;
  }
}

function objectShape(s: Schema, root: Schema): Shape {
  const required = (s.required as string[] | undefined) ?? [];
  const props: Record<string, Property> = {};
  for (const [name, p] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
    props[name] = { shape: schemaShape(p, root), present: required.includes(name) || 'default' in p };
  }
  const extra = s.additionalProperties;
  return typeof extra === 'object' && extra !== null ? { kind: 'object', props, rest: schemaShape(extra as Schema, root) } : { kind: 'object', props };
}

/**
 * The shape of a TypeScript type. `undefined` is left out (optional properties say it); an index
 * signature of `unknown` (the `Record<string, unknown>` every parameter type extends) is no constraint
 * and is left out, and so are, from any other index signature, the kinds of the named properties, which
 * TypeScript makes it admit.
 */
export function typeShape(checker: ts.TypeChecker, t: ts.Type): Shape {
  const f = t.flags;
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return UNKNOWN;
  if (f & ts.TypeFlags.Boolean) return { kind: 'boolean' };
  if (f & ts.TypeFlags.NumberLike && !(f & ts.TypeFlags.NumberLiteral)) return { kind: 'number' };
  if (f & ts.TypeFlags.StringLike && !(f & ts.TypeFlags.StringLiteral)) return { kind: 'string' };
  if (t.isNumberLiteral() || t.isStringLiteral()) return { kind: 'literal', value: t.value };
  if (f & ts.TypeFlags.BooleanLiteral) return { kind: 'literal', value: checker.typeToString(t) === 'true' };
  if (t.isUnion()) return union(t.types.filter((m) => !(m.flags & ts.TypeFlags.Undefined)).map((m) => typeShape(checker, m)));
  if (checker.isTupleType(t)) return { kind: 'tuple', items: checker.getTypeArguments(t as ts.TypeReference).map((m) => typeShape(checker, m)) };
  if (checker.isArrayType(t)) return { kind: 'array', item: typeShape(checker, checker.getTypeArguments(t as ts.TypeReference)[0]!) };
  if (f & ts.TypeFlags.Object || t.isIntersection()) {
    const props: Record<string, Property> = {};
    for (const p of checker.getPropertiesOfType(t)) {
      props[p.name] = { shape: typeShape(checker, checker.getTypeOfSymbol(p)), present: !(p.flags & ts.SymbolFlags.Optional) };
    }
    const index = checker.getIndexInfoOfType(t, ts.IndexKind.String)?.type;
    const rest = index && typeShape(checker, index);
    if (!rest || rest.kind === 'unknown') return { kind: 'object', props };
    const named = new Set(Object.values(props).map((p) => render(p.shape)));
    const own = (rest.kind === 'union' ? rest.of : [rest]).filter((m) => !named.has(render(m)));
    return { kind: 'object', props, rest: own.length ? union(own) : UNKNOWN };
  }
  return UNKNOWN;
}

/**
 * Where `type` says other than `schema`, one line each, under `at` (`AdamParams`, `SuiteFile.target`):
 * a property one has and the other lacks, a property always present in one and optional in the other,
 * a kind that differs. Objects, and unions with one object member on each side, are compared property
 * by property.
 */
export function differences(schema: Shape, type: Shape, at: string): string[] {
  if (schema.kind === 'object' && type.kind === 'object') {
    const out: string[] = [];
    for (const name of [...new Set([...Object.keys(schema.props), ...Object.keys(type.props)])].sort()) {
      const s = schema.props[name];
      const t = type.props[name];
      const where = `${at}.${name}`;
      if (!t) out.push(`${where}: in the schema, not in the type`);
      else if (!s) out.push(`${where}: in the type, not in the schema`);
      else {
        if (s.present && !t.present) out.push(`${where}: always there by the schema (required or a default), optional in the type`);
        if (!s.present && t.present) out.push(`${where}: optional in the schema (not required, no default), always there in the type`);
        out.push(...differences(s.shape, t.shape, where));
      }
    }
    const rs = schema.rest ? render(schema.rest) : 'none';
    const rt = type.rest ? render(type.rest) : 'none';
    if (rs !== rt) out.push(`${at}[key]: other keys are ${rs} by the schema, ${rt} by the type`);
    return out;
  }
  if (schema.kind === 'union' && type.kind === 'union') {
    const objects = (u: Shape[]) => u.filter((m) => m.kind === 'object');
    const others = (u: Shape[]) => u.filter((m) => m.kind !== 'object').map(render).join(' | ');
    const [so, to] = [objects(schema.of), objects(type.of)];
    if (so.length === 1 && to.length === 1 && others(schema.of) === others(type.of)) return differences(so[0]!, to[0]!, at);
  }
  if (schema.kind === 'array' && type.kind === 'array') return differences(schema.item, type.item, `${at}[]`);
  const [rs, rt] = [render(schema), render(type)];
  return rs === rt ? [] : [`${at}: ${rs} by the schema, ${rt} by the type`];
}

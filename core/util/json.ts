/** JSON helpers: parse with line and column in errors, canonical serialisation, short stable hashes. */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError, messageOf } from './errors';

/** Line and column (1-based) of a character offset. */
function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos).split('\n');
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}

/** `ValueExpected` -> `value expected`. */
const words = (code: string) => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Parses JSON text; a syntax error names the file, line and column (located with jsonc-parser). */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first) throw new InputError(`${file}: not valid JSON (${messageOf(e)})`);
    throw new InputError(`${file}: not valid JSON at ${lineCol(text, first.offset)}: ${words(printParseErrorCode(first.error))}`);
  }
}

/** Reads a text file; a missing or unreadable file is an InputError naming it. */
export function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${messageOf(e)})`);
  }
}

/** Reads and parses a JSON file; a missing file or bad JSON is an InputError naming it. */
export function readJsonFile(file: string): unknown {
  return parseJson(readTextFile(file), file);
}

/** JSON with object keys sorted at every level: equal values serialise equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** First `length` hex digits of the sha256 of the canonical JSON of `value`. */
export function stableHash(value: unknown, length = 12): string {
  return crypto.createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, length);
}

/** A place in a JSON value (`$.trials[0].final.testLoss`) and what is wrong there. */
export interface JsonIssue {
  path: string;
  message: string;
}

/**
 * The numbers in `value` that JSON cannot hold (NaN, Infinity, -Infinity), with paths from `base`
 * (`$.trials[0].final.testLoss`). JSON.stringify would write them as null, so a document with one does
 * not read back as it was; JSON Schema's `type: number` accepts them in memory, and JSON.parse reads
 * 1e999 as Infinity.
 */
export function nonFiniteProblems(value: unknown, base = '$'): JsonIssue[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [{ path: base, message: `must be a finite number (JSON has no ${String(value)})` }];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteProblems(v, `${base}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFiniteProblems(v, `${base}.${k}`));
  return [];
}

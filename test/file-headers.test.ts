/**
 * House rules for core/, plugins/, scripts/, tools/ and bin/: every file opens with a comment saying what
 * it holds, and no source file (tests aside) runs past 300 lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const FOLDERS = ['core', 'plugins', 'tools', 'bin'];
const MAX_LINES = 300;

/** The .ts and .js files under `dir` (relative to the checkout), recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = `${dir}/${d.name}`;
    if (d.isDirectory()) return filesUnder(rel);
    return /\.(ts|js)$/.test(d.name) ? [rel] : [];
  });
}

const FILES = [...FOLDERS, 'scripts'].flatMap(filesUnder).sort();

/**
 * The file's opening comment, or undefined when its first statement comes first. A shebang, `'use strict'`
 * and triple-slash directives may stand before it.
 */
function openingComment(text: string): string | undefined {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && (/^\s*$/.test(lines[i]!) || /^#!|^'use strict';|^\/\/\/ </.test(lines[i]!))) i++;
  const first = lines[i] ?? '';
  if (first.startsWith('/*')) {
    const end = lines.findIndex((l, j) => j >= i && l.includes('*/'));
    return lines.slice(i, end + 1).join('\n');
  }
  if (first.startsWith('//')) {
    let j = i;
    while (j < lines.length && lines[j]!.startsWith('//')) j++;
    return lines.slice(i, j).join('\n');
  }
  return undefined;
}

/** The words of a comment, its markers and lint directives left out. */
const wordsOf = (comment: string) =>
  comment
    .replace(/\/\*\*?|\*\/|^\s*\*|^\s*\/\//gm, ' ')
    .replace(/eslint-disable\S*.*$/gm, '')
    .split(/\s+/)
    .filter((w) => /[a-z]/i.test(w));

test('every file of core/, plugins/, scripts/, tools/ and bin/ opens with a comment saying what it holds', () => {
  expect(FILES.length).toBeGreaterThan(100);
  const bare = FILES.filter((f) => {
    const c = openingComment(fs.readFileSync(path.join(ROOT, f), 'utf8'));
    return c === undefined || wordsOf(c).length < 6;
  });
  expect(bare).toEqual([]);
});

test('no source file there runs past 300 lines', () => {
  const long = FILES.filter((f) => !f.endsWith('.test.ts'))
    .map((f) => ({ f, lines: fs.readFileSync(path.join(ROOT, f), 'utf8').trimEnd().split('\n').length }))
    .filter((x) => x.lines > MAX_LINES)
    .map((x) => `${x.f}: ${x.lines} lines`);
  expect(long).toEqual([]);
});

test('the header check reads comments as they are written', () => {
  expect(openingComment("#!/usr/bin/env node\n'use strict';\n/**\n * The build.\n */\nconst x = 1;\n")).toBe('/**\n * The build.\n */');
  expect(openingComment('/// <reference lib="dom" />\n// One line\n// and two.\nimport x from "y";\n')).toBe('// One line\n// and two.');
  expect(openingComment("import type { ModelSpec } from './spec';\n\n/** LeNet-5. */\n")).toBeUndefined();
  expect(wordsOf('// eslint-disable-next-line @typescript-eslint/no-require-imports')).toEqual([]);
});

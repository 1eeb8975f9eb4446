/**
 * Every ```json block of README.md and docs/*.md goes through `bench validate`, so an example cannot
 * drift from what the code accepts. The rule:
 *
 * - a block that is a JSON object is a suite, validated as written;
 * - a block of members (`"search": {...}`, `"optimizers": [...]`, `"reference": {...}`: a fragment of
 *   a suite) is wrapped in braces and laid over MINIMAL below, its keys replacing MINIMAL's;
 * - a block that is not a suite (a results file, a micro document) carries `<!-- not a suite -->` on
 *   the line before its fence and is not validated. An unmarked block that is not JSON fails.
 *
 * A suite passes when `bench validate` exits 0 and prints no warning.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, tempWriter } from './helpers';

const ROOT = path.join(__dirname, '..');
const MARKER = '<!-- not a suite -->';
/** What a fragment is laid over: one model, one dataset, one optimizer, one seed, one epoch. */
const MINIMAL = { name: 'doc-example', models: ['lenet5'], datasets: ['mnist'], optimizers: ['sgd'], seeds: [1], epochs: 1 };

interface Block {
  /** `file:line` of the opening fence. */
  where: string;
  text: string;
  marked: boolean;
}

/** The ```json blocks of a Markdown file. */
function jsonBlocks(file: string): Block[] {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```json\s*$/.test(lines[i]!)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    let before = start - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    blocks.push({ where: `${file}:${start + 1}`, text: body.join('\n'), marked: before >= 0 && lines[before]!.trim() === MARKER });
  }
  return blocks;
}

/** The suite a block stands for (see the module comment), or the reason it is none. */
function suiteOf(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return JSON.parse(trimmed);
  return { ...MINIMAL, ...(JSON.parse(`{${trimmed}}`) as object) };
}

const files = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const blocks = files.flatMap(jsonBlocks);
const { write } = tempWriter('bench-doc-examples-');

test('the docs have suite examples to check', () => {
  expect(blocks.filter((b) => !b.marked).length).toBeGreaterThanOrEqual(4);
  expect(blocks.some((b) => b.where.startsWith('README.md') && b.text.includes('"search"'))).toBe(true);
});

test.each(blocks.filter((b) => !b.marked).map((b) => [b.where, b] as const))('%s validates with bench validate', async (where, b) => {
  let suite: unknown;
  try {
    suite = suiteOf(b.text);
  } catch (e) {
    throw new Error(`${where}: not JSON (${(e as Error).message}); mark a block that is not a suite with ${MARKER}`);
  }
  const file = write(`${where.replace(/[/:.]/g, '_')}.json`, suite);
  const r = await cli('validate', file);
  expect({ where, code: r.code, err: r.err }).toEqual({ where, code: 0, err: '' });
  expect(r.out).toContain('valid suite');
});

/**
 * What the project cites exists: the documents named in its scripts, and a test file for every row
 * of the README's "Errors" table (that each test really exercises its row is checked by reading it;
 * this keeps the table from citing files that are not tests, or not there).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Paths (relative to the root) matching `pattern`, where `*` may stand in the last segment only. */
function matching(pattern: string): string[] {
  const dir = path.dirname(pattern);
  const base = path.basename(pattern);
  if (!base.includes('*')) return fs.existsSync(path.join(ROOT, pattern)) ? [pattern] : [];
  const re = new RegExp(`^${base.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  const abs = path.join(ROOT, dir);
  return fs.existsSync(abs) ? fs.readdirSync(abs).filter((f) => re.test(f)).map((f) => path.join(dir, f)) : [];
}

/** The rows of the README table under `## Errors`, as their cells. */
function errorsTable(readme: string): string[][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Errors\n'));
  if (!section) throw new Error('README.md has no "## Errors" section');
  return section
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*(---|bad input or fault)/.test(l))
    .map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
}

describe('references', () => {
  it('every Markdown document that scripts/, bin/ and .ci/ cite is in the repository', () => {
    const files = ['scripts', 'bin', '.ci'].flatMap((d) =>
      fs.readdirSync(path.join(ROOT, d), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(d, e.name)),
    );
    const missing = files.flatMap((f) =>
      [...fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(/[A-Za-z0-9_./-]+\.md\b/g)]
        .map((m) => m[0])
        .filter((doc) => !fs.existsSync(path.join(ROOT, doc)))
        .map((doc) => `${f} cites ${doc}`),
    );
    expect(missing).toEqual([]);
  });

  it("every row of the README's Errors table cites test files that exist, and nothing else", () => {
    const rows = errorsTable(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    expect(rows.length).toBeGreaterThan(10);
    const problems = rows.flatMap((cells) => {
      const cited = cells[cells.length - 1]!.split(',').map((s) => s.trim());
      return cited.flatMap((c) => {
        if (!/\.test\.ts$/.test(c)) return [`"${cells[0]}" cites ${c}, which is not a test file`];
        return matching(c).length === 0 ? [`"${cells[0]}" cites ${c}, which does not exist`] : [];
      });
    });
    expect(problems).toEqual([]);
  });
});

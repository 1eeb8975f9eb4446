/**
 * The scheduler recipes of docs/scale-out.md (the GitHub Actions matrix and the Kubernetes Indexed Job,
 * its ```yaml blocks) are YAML that Debian's yamllint accepts, and every `bench run` in them pins
 * `--backend` and `--workers` (shards merge only when they ran on one backend, and a runner's core
 * count is not the job's). The lint is skipped, saying why, where yamllint is not installed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempWriter } from './helpers';

const DOC = path.join(__dirname, '..', 'docs', 'scale-out.md');

/** The ```yaml blocks of the doc, with the line of their opening fence. */
function yamlBlocks(): Array<{ line: number; text: string }> {
  const lines = fs.readFileSync(DOC, 'utf8').split('\n');
  const blocks: Array<{ line: number; text: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```yaml') continue;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    blocks.push({ line: start, text: `${body.join('\n')}\n` });
  }
  return blocks;
}

/** The `bench run` commands of a block, a `>` folded or `\`-continued command joined into one line. */
function benchRuns(text: string): string[] {
  const joined = text.replace(/\\\n\s*/g, ' ').replace(/- run: >\n((?:\s{10,}.*\n)+)/g, (_m, body: string) => `- run: ${body.replace(/\s*\n\s*/g, ' ')}\n`);
  return joined.split('\n').filter((l) => /bench\.js run\b/.test(l));
}

const yamllint = (() => {
  try {
    execFileSync('yamllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * yamllint's default rules, less those that quarrel with these files' idiom: no `---`, GitHub's `on:`
 * key, long command lines, one space before a comment, `{ cpu: "4" }` flow maps as Kubernetes writes them.
 */
const CONFIG =
  '{extends: default, rules: {document-start: disable, truthy: {check-keys: false}, line-length: {max: 140}, comments: {min-spaces-from-content: 1}, braces: {max-spaces-inside: 1}}}';

/** yamllint's complaints about `text` (empty when it has none). */
function lint(write: (name: string, value: string) => string, name: string, text: string): string {
  try {
    return execFileSync('yamllint', ['-f', 'parsable', '-d', CONFIG, write(name, text)], { encoding: 'utf8' }).trim();
  } catch (e) {
    return ((e as { stdout?: string }).stdout ?? String(e)).trim();
  }
}

describe('docs/scale-out.md recipes', () => {
  const blocks = yamlBlocks();

  it('holds the GitHub Actions and Kubernetes recipes', () => {
    expect(blocks.map((b) => (/^name: benchmark/m.test(b.text) ? 'github' : /^kind: Job/m.test(b.text) ? 'kubernetes' : 'other'))).toEqual(['github', 'kubernetes']);
  });

  it('pins --backend and --workers in every bench run', () => {
    const runs = blocks.flatMap((b) => benchRuns(b.text));
    expect(runs).toHaveLength(3);
    for (const r of runs) expect({ run: r.trim(), backend: /--backend \S+/.test(r), workers: /--workers \d+/.test(r) }).toEqual({ run: r.trim(), backend: true, workers: true });
  });

  (yamllint ? it : it.skip)(`is YAML that yamllint accepts${yamllint ? '' : ' (skipped: yamllint not installed; Debian: apt-get install yamllint)'}`, () => {
    const { dir, write } = tempWriter('bench-doc-yaml-');
    try {
      expect(lint(write, 'broken.yaml', 'jobs:\n  a: [1\n')).toMatch(/\[error\] syntax error/); // the linter does lint
      for (const b of blocks) {
        expect({ block: `docs/scale-out.md:${b.line}`, problems: lint(write, `recipe-${b.line}.yaml`, b.text) }).toEqual({ block: `docs/scale-out.md:${b.line}`, problems: '' });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The layering of core/ (.dependency-cruiser.js): each folder imports only from the folders before it,
 * only core/index.ts and core/tf.ts stand at core/'s root, plugins import only the plugin kit, and there
 * is no import cycle. dependency-cruiser checks the real tree; a planted arrow back up and a planted cycle
 * show that the rules do catch them.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: Array<{ name: string }>;
}

function violations(cwd: string, ...dirs: string[]): Violation[] {
  const out = execFileSync(process.execPath, [DEPCRUISE, ...dirs, '--config', path.join(ROOT, '.dependency-cruiser.js'), '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

const describeViolation = (v: Violation) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`;

test('core/ and plugins/ keep the layering, with no cycle', () => {
  expect(violations(ROOT, 'core', 'plugins').map(describeViolation)).toEqual([]);
  const loose = fs.readdirSync(path.join(ROOT, 'core')).filter((f) => f.endsWith('.ts'));
  expect(loose.sort()).toEqual(['index.ts', 'tf.ts']);
});

test('an arrow back up, a cycle and a loose module are caught', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-layers-'));
  const put = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  put('core/util/early.ts', "import { late } from '../cli/late';\nexport const early = () => late;\n");
  put('core/cli/late.ts', 'export const late = 1;\n');
  put('core/train/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
  put('core/train/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
  put('core/loose.ts', "export { late } from './cli/late';\n");
  const found = violations(dir, 'core').map((v) => v.rule.name);
  expect(found).toEqual(expect.arrayContaining(['util-imports-a-later-layer', 'no-circular', 'no-loose-core-modules']));
  fs.rmSync(dir, { recursive: true, force: true });
});

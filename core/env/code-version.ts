/**
 * The version of the code that produced a trial: the bench version, the git commit when there is one,
 * and a hash of the running sources (core/ and plugins/, compiled or not) plus the suite's own plugin
 * modules. The hash, not the commit, decides whether two results come from the same code: it also
 * sees uncommitted edits, and it exists outside a git checkout (an npm install).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitCommit } from './environment';
import { resolvePluginModule } from '../plugin/loader';
import { CODE_ROOT, PACKAGE_ROOT } from '../util/paths';

/** The version of bench, from its package.json. */
export function toolVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export interface CodeVersion {
  /** package.json version. */
  version: string;
  gitCommit: string | null;
  /** sha256 (first 16 hex digits) over the source files that run trials. */
  hash: string;
}

const EXT = path.extname(__filename); // '.ts' under ts-jest and ts-node, '.js' from dist/

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if ((e.name.endsWith(EXT) || e.name.endsWith('.json')) && !e.name.endsWith('.d.ts') && !/\.test\./.test(e.name)) out.push(p);
  }
  return out;
}

const memo = new Map<string, CodeVersion>();

/**
 * The code version of this installation running a suite that loads `externalPlugins` (the suite's
 * `plugins` entries, resolved from `baseDir`). A plugin given by path is hashed by content; one given by
 * package name by its package.json version.
 */
export function codeVersion(externalPlugins: readonly string[] = [], baseDir = process.cwd()): CodeVersion {
  const key = JSON.stringify([externalPlugins, baseDir]);
  const hit = memo.get(key);
  if (hit) return hit;
  const codeRoot = CODE_ROOT;
  const h = crypto.createHash('sha256');
  const version = toolVersion();
  h.update(`bench ${version}\n`);
  const files = [...sourceFiles(path.join(codeRoot, 'core')), ...sourceFiles(path.join(codeRoot, 'plugins'))].sort();
  for (const f of files) h.update(`${path.relative(codeRoot, f)}\n`).update(fs.readFileSync(f));
  for (const p of externalPlugins) h.update(`plugin ${p}\n`).update(externalPluginIdentity(p, baseDir));
  const v: CodeVersion = { version, gitCommit: gitCommit(PACKAGE_ROOT), hash: h.digest('hex').slice(0, 16) };
  memo.set(key, v);
  return v;
}

function externalPluginIdentity(ref: string, baseDir: string): string | Buffer {
  if (ref.startsWith('.') || path.isAbsolute(ref)) {
    const found = resolvePluginModule(ref, baseDir); // as the registry finds it: `./my-opt` may be my-opt.ts
    return 'file' in found ? fs.readFileSync(found.file) : 'unreadable';
  }
  try {
    const pkg = require.resolve(`${ref}/package.json`, { paths: [baseDir] });
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version?: string }).version ?? 'no version';
  } catch {
    return 'unresolved';
  }
}

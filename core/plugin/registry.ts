/**
 * Plugin discovery and lookup.
 *
 * Built-in plugins are found by convention: every module in `plugins/<kind>s/` (not a test, not starting
 * with `_`) exports one plugin as its default export. Adding a plugin edits no registry. A suite may
 * also name modules by path (relative to the suite file) or by installed package name; such a module
 * (TypeScript, ESM or CommonJS, loaded by ./loader.ts with the harness's tfjs) exports one plugin as
 * default, or an array `plugins`. A module that fails to load, or exports something that is not a
 * plugin, is recorded as broken with its error and the rest still work. The registry remembers which
 * module each plugin came from (`bench plugin check` reads its doc comment).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PLUGIN_KINDS, type Plugin, type PluginKind, type PluginOfKind } from './contracts';
import { didYouMean } from '../util/did-you-mean';
import { messageOf } from '../util/errors';
import { CODE_ROOT } from '../util/paths';
import { loadPluginModule, resolvePluginModule } from './loader';
import { compileParams } from './params';

/** A module that could not be loaded as a plugin. */
export interface BrokenPlugin {
  source: string;
  error: string;
}

const ROOT = CODE_ROOT;
/** Plugin files are .js; the TypeScript sources are also loaded when running from them (ts-jest, ts-node). */
const EXTS = path.extname(__filename) === '.ts' ? ['.ts', '.js'] : ['.js'];

/** The folder of built-in plugins of one kind. */
export function pluginDir(kind: PluginKind): string {
  return path.join(ROOT, 'plugins', `${kind}s`);
}

function isPluginFile(file: string): boolean {
  return EXTS.includes(path.extname(file)) && !file.endsWith('.d.ts') && !/\.test\./.test(file) && !file.startsWith('_');
}

/** Checks that `value` looks like a plugin; returns why not, or undefined. */
export function pluginProblem(value: unknown, expectKind?: PluginKind): string | undefined {
  if (!value || typeof value !== 'object') return 'exports no plugin object (expected a default export)';
  const p = value as Partial<Plugin> & Record<string, unknown>;
  if (typeof p.name !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(p.name)) return 'has no kebab-case `name`';
  if (!PLUGIN_KINDS.includes(p.kind as PluginKind)) return `plugin "${p.name}" has kind ${JSON.stringify(p.kind)}, expected one of ${PLUGIN_KINDS.join(', ')}`;
  if (expectKind && p.kind !== expectKind) return `plugin "${p.name}" has kind "${p.kind}" but sits in the ${expectKind}s folder`;
  if (typeof p.summary !== 'string') return `plugin "${p.name}" has no \`summary\``;
  if (!p.params || p.params.type !== 'object') return `plugin "${p.name}" has no \`params\` schema of type object`;
  try {
    compileParams(p.params);
  } catch (e) {
    return `plugin "${p.name}" has an invalid params schema: ${messageOf(e)}`;
  }
  const need: Record<PluginKind, string[]> = {
    optimizer: ['init', 'update'],
    regularizer: [],
    initializer: ['init'],
    activation: ['apply'],
  };
  if (p.kind === 'regularizer') {
    if (p.role === 'layer') need.regularizer = ['createLayer'];
    else if (p.role === 'penalty') need.regularizer = ['penalty'];
    else return `regularizer "${p.name}" has role ${JSON.stringify(p.role)}, expected "layer" or "penalty"`;
  }
  for (const fn of need[p.kind as PluginKind]) {
    if (typeof p[fn] !== 'function') return `plugin "${p.name}" has no \`${fn}\` function`;
  }
  return undefined;
}

function exportsOf(mod: unknown): unknown[] {
  const m = mod as { default?: unknown; plugin?: unknown; plugins?: unknown };
  if (Array.isArray(m.plugins)) return m.plugins;
  if (m.default !== undefined) return Array.isArray(m.default) ? m.default : [m.default];
  if (m.plugin !== undefined) return [m.plugin];
  return [mod];
}

export class Registry {
  private readonly byKind = new Map<PluginKind, Map<string, Plugin>>(PLUGIN_KINDS.map((k) => [k, new Map()]));
  readonly broken: BrokenPlugin[] = [];
  private readonly loaded = new Set<string>();
  private readonly origin = new Map<Plugin, { file: string; module: unknown }>();

  /** The built-in plugins of every kind. */
  static builtIn(): Registry {
    const r = new Registry();
    for (const kind of PLUGIN_KINDS) r.discover(pluginDir(kind), kind);
    return r;
  }

  /** Loads every plugin module in `dir`, expecting plugins of `kind`. */
  discover(dir: string, kind?: PluginKind): void {
    if (!fs.existsSync(dir)) return;
    for (const file of fs.readdirSync(dir).sort()) {
      if (isPluginFile(file)) this.loadModule(path.join(dir, file), kind);
    }
  }

  /**
   * Loads plugins named by a suite: a path (absolute, or relative to `baseDir`) or an installed package.
   * Returns the error if the module cannot be loaded at all; otherwise the module's plugins are added.
   */
  loadExternal(spec: string, baseDir: string): string | undefined {
    const r = this.loadFrom(spec, baseDir);
    return 'error' in r ? r.error : undefined;
  }

  /**
   * Like loadExternal, and says which file `spec` named and which plugins it added; the error when it
   * cannot be resolved or loaded, or exports something that is not a plugin.
   */
  loadFrom(spec: string, baseDir: string): { file: string; plugins: Plugin[] } | { error: string; file?: string } {
    const resolved = resolvePluginModule(spec, baseDir);
    if ('error' in resolved) return resolved;
    const before = this.broken.length;
    this.loadModule(resolved.file, undefined, loadPluginModule);
    if (this.broken.length > before) return { file: resolved.file, error: this.broken[this.broken.length - 1]!.error };
    return { file: resolved.file, plugins: [...this.origin].filter(([, o]) => o.file === resolved.file).map(([p]) => p) };
  }

  /** The file a plugin was loaded from (built-in or external). */
  sourceOf(plugin: Plugin): string | undefined {
    return this.origin.get(plugin)?.file;
  }

  /** The exports of the module a plugin was loaded from. */
  moduleOf(plugin: Plugin): unknown {
    return this.origin.get(plugin)?.module;
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  private loadModule(file: string, kind?: PluginKind, load: (file: string) => unknown = (f) => require(f)): void {
    if (this.loaded.has(file)) return;
    this.loaded.add(file);
    let mod: unknown;
    try {
      mod = load(file);
    } catch (e) {
      this.broken.push({ source: file, error: `failed to load: ${messageOf(e)}` });
      return;
    }
    for (const value of exportsOf(mod)) {
      const problem = pluginProblem(value, kind);
      if (problem) {
        this.broken.push({ source: file, error: problem });
        continue;
      }
      this.add(value as Plugin);
      this.origin.set(value as Plugin, { file, module: mod });
    }
  }

  /** Adds (or replaces) a plugin. */
  add(plugin: Plugin): void {
    this.byKind.get(plugin.kind)!.set(plugin.name, plugin);
  }

  get<K extends PluginKind>(kind: K, name: string): PluginOfKind[K] | undefined {
    return this.byKind.get(kind)!.get(name) as PluginOfKind[K] | undefined;
  }

  /** Plugins of one kind (or all), sorted by kind then name. */
  list(kind?: PluginKind): Plugin[] {
    const kinds = kind ? [kind] : PLUGIN_KINDS;
    return kinds.flatMap((k) => [...this.byKind.get(k)!.values()].sort((a, b) => a.name.localeCompare(b.name)));
  }

  /** "did you mean ..." for an unknown name, or ''. */
  suggest(kind: PluginKind, name: string): string {
    return didYouMean(name, [...this.byKind.get(kind)!.keys()]);
  }
}

/**
 * Loading a plugin module that is not built in: finding it from what a suite or `bench plugin check`
 * names (a path, with or without its extension, a folder with a package.json, or an installed package)
 * and evaluating it, whether it is TypeScript, an ES module or CommonJS, through jiti (no build step).
 *
 * One tfjs: while a plugin module loads, its imports of this package (`<name>`, `<name>/plugin`) and of
 * @tensorflow/tfjs and @tensorflow/tfjs-core are aliased to the running harness's own copies, so the
 * plugin creates its tensors in the engine that trains, even when the plugin's folder has a bench or
 * a tfjs of its own in node_modules (its development install). What a plugin does is not known here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { CODE_ROOT, PACKAGE_ROOT } from '../util/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
/** This package's name on npm, as plugins import it (`<name>/plugin`). */
export const PACKAGE_NAME = manifest.name;
/** This package's version (a scaffolded plugin's peer dependency range starts from it). */
export const PACKAGE_VERSION = manifest.version;

/** '.ts' when running from the sources (ts-jest, ts-node), '.js' from dist/. */
const OWN_EXT = path.extname(__filename);
/** Extensions tried, in order, for a module path given without one. */
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** The folder of an installed package, as the harness itself resolves it. */
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** What a plugin's imports of bench and tfjs are mapped to: the modules this process runs. */
export function hostAliases(): Record<string, string> {
  const own = (rel: string) => path.join(CODE_ROOT, 'core', `${rel}${OWN_EXT}`);
  return {
    [PACKAGE_NAME]: own('index'),
    [`${PACKAGE_NAME}/plugin`]: own('plugin/kit'),
    [`${PACKAGE_NAME}/schemas`]: path.join(CODE_ROOT, 'core', 'schemas'),
    [`${PACKAGE_NAME}/package.json`]: path.join(PACKAGE_ROOT, 'package.json'),
    '@tensorflow/tfjs': packageDir('@tensorflow/tfjs'),
    '@tensorflow/tfjs-core': packageDir('@tensorflow/tfjs-core'),
  };
}

type Jiti = ReturnType<typeof createJiti>;

let jiti: Jiti | undefined;
function loader(): Jiti {
  // interopDefault off: a module's exports as written (`default`, `plugins`), which the registry reads.
  jiti ??= createJiti(__filename, { alias: hostAliases(), interopDefault: false, moduleCache: true });
  return jiti;
}

const isFile = (p: string) => fs.existsSync(p) && fs.statSync(p).isFile();

/** `p` itself, `p` with one of EXTENSIONS, or for a folder its package.json's main or its index. */
function resolvePath(p: string): string | undefined {
  if (isFile(p)) return p;
  const withExt = EXTENSIONS.map((e) => p + e).find(isFile);
  if (withExt) return withExt;
  if (!fs.existsSync(p)) return undefined;
  const manifest = path.join(p, 'package.json');
  if (isFile(manifest)) {
    const main = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { main?: unknown }).main;
    if (typeof main === 'string') return resolvePath(path.resolve(p, main));
  }
  return EXTENSIONS.map((e) => path.join(p, `index${e}`)).find(isFile);
}

/**
 * The file a plugin reference names: a path (absolute, or relative to `baseDir`) or an installed package
 * (looked up from `baseDir`, then from the working directory; `exports` with require or import conditions).
 */
export function resolvePluginModule(spec: string, baseDir: string): { file: string } | { error: string } {
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const p = path.resolve(baseDir, spec);
    const file = resolvePath(p);
    return file ? { file } : { error: `no module at ${p}` };
  }
  for (const from of [baseDir, process.cwd()]) {
    try {
      return { file: require.resolve(spec, { paths: [from] }) };
    } catch {
      // An ESM-only package (exports with `import` alone), or not here.
      const file = loader().esmResolve(spec, { parentURL: pathToFileURL(path.join(from, '_')).href, try: true });
      if (file) return { file: file.startsWith('file:') ? new URL(file).pathname : file };
    }
  }
  return { error: `package "${spec}" is not installed` };
}

/**
 * Evaluates a plugin module (TypeScript, ESM or CommonJS) and returns its exports. Throws what it throws,
 * its message on one line (a syntax error's, which names the file, line and column, spans several).
 */
export function loadPluginModule(file: string): unknown {
  try {
    return loader()(file);
  } catch (e) {
    if (e instanceof Error) e.message = e.message.replace(/\s*\n\s*/g, ' ').trim();
    throw e;
  }
}

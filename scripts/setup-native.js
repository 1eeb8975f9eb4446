#!/usr/bin/env node
'use strict';
/**
 * Builds the native TensorFlow engine (tfjs-node's binding) against the C library inside TensorFlow's
 * own Python wheel, caches it per TensorFlow version and Node ABI, and installs it for this checkout.
 *
 * Why: `npm install @tensorflow/tfjs-node` downloads libtensorflow 2.9.1 from Google storage, which
 * answers 403 (tensorflow/tfjs#8742), so npm drops that optional dependency. The wheel `tensorflow-cpu`
 * (or `tensorflow` for the GPU) carries the same stable C and eager C API in libtensorflow_cc.so.2.
 *
 * Plain JavaScript on purpose: `npm install` runs it (`install` script) before TypeScript is compiled.
 *
 * Where things go (nothing else is written):
 *   <cache>/native/tf-<version>[-gpu]-node-abi<abi>/   the wheel's libraries and headers, the tfjs-node
 *       package (from `npm pack`) with its built binding, and ready.json
 *       (<cache> = $BENCH_CACHE_DIR, else $XDG_CACHE_HOME/bench, else ~/.cache/bench)
 *   <project>/node_modules/.bench-native/<tfjs-node|tfjs-node-gpu>/   a copy of the package's JavaScript,
 *       whose lib/ links to the cached binding; being inside the project's node_modules, its
 *       `require('@tensorflow/tfjs')` resolves to the project's own copy, so the tensorflow backend
 *       registers into the same tfjs-core engine that bench uses.
 *   <project>/node_modules/.bench-native/native.json   what core/backends loads from.
 *
 * Usage: node scripts/setup-native.js [--auto] [--tensorflow VERSION] [--from WHEEL_OR_DIR] [--gpu] [--quiet]
 *   --auto   the npm install hook: prints one line, never fails (wasm is the engine when this does not work).
 * Environment: BENCH_SKIP_NATIVE=1 skips it; BENCH_TENSORFLOW_VERSION picks the version for --auto.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** The TensorFlow release whose C library is known to work with tfjs-node 4.22 (docs/engine.md, "Getting the native engine"). */
const DEFAULT_TENSORFLOW = '2.21.0';
const PROJECT_ROOT = path.resolve(__dirname, '..');
const NAPI_VERSION = 8;
/** Runtime dependencies of tfjs-node's JavaScript besides @tensorflow/tfjs (node-pre-gyp is replaced by a shim). */
const RUNTIME_DEPS = { progress: '2.0.3', 'google-protobuf': '3.21.4' };

class SetupError extends Error {}

function tfjsNodeVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const v = (pkg.optionalDependencies || {})['@tensorflow/tfjs-node'] || (pkg.dependencies || {})['@tensorflow/tfjs'];
  return String(v || '4.22.0').replace(/^[\^~]/, '');
}

/** The user's cache directory for bench. */
function cacheRoot() {
  if (process.env.BENCH_CACHE_DIR) return process.env.BENCH_CACHE_DIR;
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'bench');
}

/** Cache key: one build per TensorFlow version, flavour and Node ABI. */
function cacheDirFor(tensorflow, gpu) {
  return path.join(cacheRoot(), 'native', `tf-${tensorflow}${gpu ? '-gpu' : ''}-node-abi${process.versions.modules}`);
}

function packageName(gpu) {
  return gpu ? 'tfjs-node-gpu' : 'tfjs-node';
}

/** Where the installed copy lives in this project. */
function installRoot(projectRoot = PROJECT_ROOT) {
  return path.join(projectRoot, 'node_modules', '.bench-native');
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, ...opts });
  if (r.error) throw new SetupError(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stderr || ''}${r.stdout || ''}`.trim().split('\n').slice(-6).join('\n');
    throw new SetupError(`${path.basename(cmd)} ${args.slice(0, 3).join(' ')} failed (exit ${r.status}):\n${tail}`);
  }
  return r.stdout;
}

function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** npm's own CLI: the one running this install when there is one. */
function npmCommand() {
  const execpath = process.env.npm_execpath;
  if (execpath && /npm-cli\.js$/.test(execpath)) return [process.execPath, [execpath]];
  const npm = which('npm');
  if (!npm) throw new SetupError('npm was not found on PATH');
  return [npm, []];
}

/** node-gyp as npm ships it (npm rebuild uses the same). */
function nodeGyp() {
  const candidates = [];
  if (process.env.npm_execpath) candidates.push(path.resolve(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const npm = which('npm');
  if (npm) candidates.push(path.resolve(path.dirname(fs.realpathSync(npm)), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(path.resolve(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    /* not installed locally */
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new SetupError('node-gyp was not found (it ships with npm)');
  return found;
}

/** Node's headers next to the running node (distribution packages put them in <prefix>/include/node). */
function nodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function pythonPip() {
  for (const py of ['python3', 'python']) {
    const exe = which(py);
    if (exe && spawnSync(exe, ['-m', 'pip', '--version'], { encoding: 'utf8' }).status === 0) return [exe, ['-m', 'pip']];
  }
  for (const pip of ['pip3', 'pip']) {
    const exe = which(pip);
    if (exe) return [exe, []];
  }
  return undefined;
}

/** Downloads the wheel with pip (no Python environment is changed); returns its path. */
function downloadWheel(tensorflow, gpu, dest, log, showProgress) {
  const pip = pythonPip();
  if (!pip) throw new SetupError('pip is not available to download the TensorFlow wheel (pass --from WHEEL_OR_DIR)');
  const spec = `${gpu ? 'tensorflow' : 'tensorflow-cpu'}==${tensorflow}`;
  fs.mkdirSync(dest, { recursive: true });
  const base = [...pip[1], 'download', '--no-deps', '--retries', '0', '--disable-pip-version-check', '-d', dest, spec];
  log(`downloading ${spec} with pip (about 270 MB${gpu ? '; more for the GPU wheel' : ''})`);
  const stdio = ['ignore', showProgress ? 'inherit' : 'pipe', 'pipe']; // pip draws its progress bar on stdout
  let r = spawnSync(pip[0], base, { encoding: 'utf8', stdio });
  if (r.status !== 0) {
    // The libraries do not depend on Python: take the cp311 manylinux wheel whatever Python runs pip.
    const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
    r = spawnSync(pip[0], [...base, '--only-binary=:all:', '--python-version', '311', '--platform', `manylinux_2_27_${arch}`, '--platform', `manylinux_2_17_${arch}`], {
      encoding: 'utf8',
      stdio,
    });
  }
  if (r.status !== 0) {
    const why = `${r.stderr || ''}`.trim().split('\n').filter((l) => /ERROR|error/.test(l)).slice(-1)[0] || `exit ${r.status}`;
    throw new SetupError(`pip could not download ${spec}: ${why.replace(/^ERROR: /, '')}`);
  }
  const wheel = fs.readdirSync(dest).find((f) => f.endsWith('.whl') && f.startsWith(gpu ? 'tensorflow-' : 'tensorflow_cpu-'));
  if (!wheel) throw new SetupError(`pip reported success but no ${spec} wheel is in ${dest}`);
  return path.join(dest, wheel);
}

/** Wheel members the build needs; fewer headers fail (tf_tstring.h needs core/platform/ctstring.h). */
const WHEEL_MEMBERS = [
  'tensorflow/libtensorflow_cc.so.2',
  'tensorflow/libtensorflow_framework.so.2',
  'tensorflow/include/tensorflow/c/*',
  'tensorflow/include/tensorflow/core/platform/*',
  'tensorflow/include/tsl/*',
  'tensorflow/include/xla/tsl/c/*',
];

function extractWheel(wheel, dest) {
  fs.mkdirSync(dest, { recursive: true });
  if (which('unzip')) {
    run('unzip', ['-q', '-o', wheel, ...WHEEL_MEMBERS, '-d', dest]);
  } else {
    const py = which('python3') || which('python');
    if (!py) throw new SetupError('neither unzip nor python3 is available to unpack the wheel');
    const code = `import fnmatch,sys,zipfile
z=zipfile.ZipFile(sys.argv[1]); pats=sys.argv[3:]
z.extractall(sys.argv[2],[n for n in z.namelist() if any(fnmatch.fnmatch(n,p) for p in pats)])`;
    run(py, ['-c', code, wheel, dest, ...WHEEL_MEMBERS]);
  }
  return path.join(dest, 'tensorflow');
}

/**
 * Finds the libraries and headers in `from`: a wheel, a directory holding one, an unpacked wheel or
 * site-packages `tensorflow/` directory (libtensorflow_cc.so.2 + include/).
 */
function tensorflowDirFrom(from, tmp, log) {
  const abs = path.resolve(from);
  if (!fs.existsSync(abs)) throw new SetupError(`--from ${from}: no such file or directory`);
  if (fs.statSync(abs).isFile()) {
    if (!abs.endsWith('.whl')) throw new SetupError(`--from ${from}: expected a .whl file or a directory`);
    log(`unpacking ${path.basename(abs)}`);
    return extractWheel(abs, tmp);
  }
  for (const dir of [abs, path.join(abs, 'tensorflow')]) {
    if (fs.existsSync(path.join(dir, 'libtensorflow_cc.so.2')) && fs.existsSync(path.join(dir, 'include', 'tensorflow', 'c', 'c_api.h'))) return dir;
  }
  const wheel = fs.readdirSync(abs).find((f) => /^tensorflow(_cpu)?-.*\.whl$/.test(f));
  if (wheel) {
    log(`unpacking ${wheel}`);
    return extractWheel(path.join(abs, wheel), tmp);
  }
  throw new SetupError(`--from ${from}: no TensorFlow wheel and no tensorflow/ directory with libtensorflow_cc.so.2 and include/`);
}

function versionOfWheel(file) {
  const m = /^tensorflow(?:_cpu|_gpu)?-([0-9][^-]*)-/.exec(path.basename(file));
  return m ? m[1] : undefined;
}

function copyDir(src, dst) {
  fs.cpSync(src, dst, { recursive: true, dereference: false });
}

/** Unpacks an npm tarball (package/...) into `dest`. */
function untar(tarball, dest) {
  fs.mkdirSync(dest, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1']);
}

/** `npm pack` of tfjs-node (or -gpu) and its small runtime dependencies, into the cache. */
function packPackages(gpu, dest, log) {
  const [npm, pre] = npmCommand();
  const specs = [`@tensorflow/${packageName(gpu)}@${tfjsNodeVersion()}`, ...Object.entries(RUNTIME_DEPS).map(([n, v]) => `${n}@${v}`)];
  fs.mkdirSync(dest, { recursive: true });
  log(`fetching ${specs.join(', ')} with npm pack`);
  const out = run(npm, [...pre, 'pack', '--json', '--ignore-scripts', '--pack-destination', dest, ...specs], { cwd: dest });
  const files = JSON.parse(out).map((p) => p.filename.replace(/^@/, '').replace(/\//g, '-'));
  const byName = {};
  JSON.parse(out).forEach((p, i) => {
    byName[p.name] = path.join(dest, files[i]);
  });
  return byName;
}

/** Builds the binding in `pkgDir` (deps/ already in place) with npm's node-gyp. */
function buildBinding(pkgDir, log) {
  const args = [nodeGyp(), 'rebuild', '--jobs=max', `--module_name=tfjs_binding`, `--module_path=lib/napi-v${NAPI_VERSION}`, `--napi_build_version=${NAPI_VERSION}`];
  const nd = nodeDir();
  if (nd) args.push(`--nodedir=${nd}`);
  log(`compiling the binding (node-gyp${nd ? `, node headers from ${nd}/include/node` : ''})`);
  run(process.execPath, args, { cwd: pkgDir });
  const built = path.join(pkgDir, 'build', 'Release', 'tfjs_binding.node');
  const target = path.join(pkgDir, 'lib', `napi-v${NAPI_VERSION}`, 'tfjs_binding.node');
  if (!fs.existsSync(target)) {
    if (!fs.existsSync(built)) throw new SetupError('node-gyp finished but produced no tfjs_binding.node');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(built, target);
  }
  fs.rmSync(path.join(pkgDir, 'build'), { recursive: true, force: true });
}

/**
 * Builds scripts/native-quiet (a 40-line addon that mutes fd 2 while TensorFlow loads: its start-up lines
 * bypass TF_CPP_MIN_LOG_LEVEL) into `<pkgDir>/lib/bench_quiet.node`. Optional: without it they show.
 */
function buildQuiet(pkgDir, log) {
  const work = path.join(pkgDir, 'quiet-build');
  fs.cpSync(path.join(__dirname, 'native-quiet'), work, { recursive: true });
  try {
    const args = [nodeGyp(), 'rebuild'];
    const nd = nodeDir();
    if (nd) args.push(`--nodedir=${nd}`);
    run(process.execPath, args, { cwd: work });
    fs.copyFileSync(path.join(work, 'build', 'Release', 'bench_quiet.node'), path.join(pkgDir, 'lib', 'bench_quiet.node'));
  } catch (e) {
    log(`note: the log silencer did not build (${String(e.message).split('\n')[0]}); TensorFlow's start-up lines will show`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Builds (or finds) the cached engine; returns its ready.json record and whether it was reused. */
function ensureBuilt({ tensorflow, from, gpu, force, log, showProgress }) {
  const t0 = Date.now();
  if (from && !fs.existsSync(from)) throw new SetupError(`--from ${from}: no such file or directory`);
  let version = tensorflow;
  if (!version && from) version = versionOfWheel(from) || (fs.existsSync(from) && fs.statSync(from).isDirectory() ? (fs.readdirSync(from).map(versionOfWheel).find(Boolean) || undefined) : undefined);
  version = version || DEFAULT_TENSORFLOW;
  const dir = cacheDirFor(version, gpu);
  const readyFile = path.join(dir, 'ready.json');
  if (!force && fs.existsSync(readyFile)) {
    const ready = JSON.parse(fs.readFileSync(readyFile, 'utf8'));
    if (fs.existsSync(path.join(dir, ready.package, 'lib', `napi-v${NAPI_VERSION}`, 'tfjs_binding.node'))) return { ready, dir, reused: true, seconds: (Date.now() - t0) / 1000 };
  }
  const work = `${dir}.tmp-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  try {
    let tfDir;
    let source;
    if (from) {
      tfDir = tensorflowDirFrom(from, path.join(work, 'wheel'), log);
      source = path.resolve(from);
    } else {
      const wheel = downloadWheel(version, gpu, path.join(work, 'download'), log, showProgress);
      log(`unpacking ${path.basename(wheel)}`);
      tfDir = extractWheel(wheel, path.join(work, 'wheel'));
      source = path.basename(wheel);
    }
    const tarballs = packPackages(gpu, path.join(work, 'tarballs'), log);
    const pkg = packageName(gpu);
    const pkgDir = path.join(work, pkg);
    untar(tarballs[`@tensorflow/${pkg}`], pkgDir);
    for (const name of Object.keys(RUNTIME_DEPS)) untar(tarballs[name], path.join(work, 'runtime-deps', name));
    const lib = path.join(pkgDir, 'deps', 'lib');
    fs.mkdirSync(lib, { recursive: true });
    for (const so of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) fs.renameSync(path.join(tfDir, so), path.join(lib, so));
    fs.symlinkSync('libtensorflow_cc.so.2', path.join(lib, 'libtensorflow.so'));
    fs.symlinkSync('libtensorflow_framework.so.2', path.join(lib, 'libtensorflow_framework.so'));
    fs.renameSync(path.join(tfDir, 'include'), path.join(pkgDir, 'deps', 'include'));
    buildBinding(pkgDir, log);
    buildQuiet(pkgDir, log);
    fs.rmSync(path.join(work, 'wheel'), { recursive: true, force: true });
    fs.rmSync(path.join(work, 'download'), { recursive: true, force: true });
    fs.rmSync(path.join(work, 'tarballs'), { recursive: true, force: true });
    const ready = {
      tensorflow: version,
      gpu: Boolean(gpu),
      package: pkg,
      tfjsNode: tfjsNodeVersion(),
      nodeAbi: process.versions.modules,
      napi: NAPI_VERSION,
      source,
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round((Date.now() - t0) / 100) / 10,
    };
    fs.writeFileSync(path.join(work, 'ready.json'), `${JSON.stringify(ready, null, 2)}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(work, dir);
    return { ready, dir, reused: false, seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true });
    throw e;
  }
}

/** A stand-in for @mapbox/node-pre-gyp: tfjs-node only asks it where the binding is. */
const PRE_GYP_SHIM = `'use strict';
// Written by bench's scripts/setup-native.js: tfjs-node calls only find() to locate its binding.
const path = require('path');
exports.find = (packageJson) => path.join(path.dirname(packageJson), 'lib', 'napi-v${NAPI_VERSION}', 'tfjs_binding.node');
`;

/** Makes the cached build loadable from this project (see the header comment). */
function installIntoProject(built, projectRoot = PROJECT_ROOT) {
  const { ready, dir } = built;
  const root = installRoot(projectRoot);
  const target = path.join(root, ready.package);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const src = path.join(dir, ready.package);
  fs.copyFileSync(path.join(src, 'package.json'), path.join(target, 'package.json'));
  copyDir(path.join(src, 'dist'), path.join(target, 'dist'));
  // The binding stays in the cache: its rpath ($ORIGIN/../../deps/lib) finds the cached libraries.
  fs.symlinkSync(path.join(src, 'lib'), path.join(target, 'lib'));
  const nm = path.join(target, 'node_modules');
  for (const name of Object.keys(RUNTIME_DEPS)) copyDir(path.join(dir, 'runtime-deps', name), path.join(nm, name));
  const shim = path.join(nm, '@mapbox', 'node-pre-gyp');
  fs.mkdirSync(shim, { recursive: true });
  fs.writeFileSync(path.join(shim, 'package.json'), '{"name":"@mapbox/node-pre-gyp","version":"0.0.0-bench-shim","main":"index.js"}\n');
  fs.writeFileSync(path.join(shim, 'index.js'), PRE_GYP_SHIM);
  const manifestFile = path.join(root, 'native.json');
  const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : {};
  manifest[ready.package] = { ...ready, dir: target, cache: dir };
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return target;
}

/**
 * Gets the native engine: builds it into the cache (or reuses the cached build) and installs it into
 * the project. Throws SetupError with a one-line reason when it cannot.
 * @param {{tensorflow?: string, from?: string, gpu?: boolean, force?: boolean, projectRoot?: string, log?: (line: string) => void}} opts
 */
function setupNative(opts = {}) {
  const log = opts.log || (() => {});
  if (process.platform !== 'linux') throw new SetupError(`building from the TensorFlow wheel is supported on Linux only (this is ${process.platform})`);
  const built = ensureBuilt({ ...opts, log });
  const target = installIntoProject(built, opts.projectRoot);
  return { ...built, target };
}

function parseArgs(argv) {
  const o = { auto: false, gpu: false, force: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--auto') o.auto = true;
    else if (a === '--gpu') o.gpu = true;
    else if (a === '--force') o.force = true;
    else if (a === '--quiet') o.quiet = true;
    else if (a === '--tensorflow') o.tensorflow = argv[++i];
    else if (a === '--from') o.from = argv[++i];
    else throw new SetupError(`unknown option ${a}`);
  }
  return o;
}

function summary(r) {
  const what = r.reused ? `reused from the cache in ${r.seconds.toFixed(1)} s` : `built in ${r.seconds.toFixed(0)} s`;
  return `bench: native engine ${r.ready.package} on TensorFlow ${r.ready.tensorflow} ${what} (${r.dir})`;
}

function cli(argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`setup-native: ${e.message}\n`);
    return 2;
  }
  if (opts.auto) {
    // The npm install hook: one line, never fails.
    if (process.env.BENCH_SKIP_NATIVE && process.env.BENCH_SKIP_NATIVE !== '0') {
      console.log('bench: native engine skipped (BENCH_SKIP_NATIVE is set); the engine is wasm');
      return 0;
    }
    try {
      const r = setupNative({ tensorflow: opts.tensorflow || process.env.BENCH_TENSORFLOW_VERSION, from: opts.from, gpu: opts.gpu });
      console.log(summary(r));
    } catch (e) {
      const why = String(e && e.message ? e.message : e).split('\n')[0];
      console.log(`bench: native engine skipped (${why}); the engine is wasm. Retry with \`bench setup native\``);
    }
    return 0;
  }
  try {
    const r = setupNative({ ...opts, showProgress: !opts.quiet, log: opts.quiet ? undefined : (l) => process.stderr.write(`  ${l}\n`) });
    console.log(summary(r));
    return 0;
  } catch (e) {
    process.stderr.write(`setup-native: ${e.message}\n`);
    return 1;
  }
}

module.exports = { setupNative, cacheDirFor, cacheRoot, installRoot, DEFAULT_TENSORFLOW, SetupError, versionOfWheel };

if (require.main === module) process.exitCode = cli(process.argv.slice(2));

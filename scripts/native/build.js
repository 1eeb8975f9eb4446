'use strict';
/**
 * Building the native engine into the cache: the TensorFlow libraries and headers (./wheel.js), tfjs-node's
 * package from `npm pack`, its binding compiled by node-gyp against them, the fd-2 muter
 * (scripts/native-quiet), and ready.json. The build happens in a temporary folder renamed into place when
 * it is complete, so the cache never holds half a build. Knows nothing of the project it is installed into.
 */
const fs = require('node:fs');
const path = require('node:path');
const { DEFAULT_TENSORFLOW, NAPI_VERSION, RUNTIME_DEPS, cacheDirFor, packageName, tfjsNodeVersion } = require('./paths');
const { SetupError, run, npmCommand, nodeGyp, nodeDir } = require('./tools');
const { downloadWheel, extractWheel, tensorflowDirFrom, versionOfWheel } = require('./wheel');

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
  fs.cpSync(path.join(__dirname, '..', 'native-quiet'), work, { recursive: true });
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
    placeLibraries(tfDir, pkgDir, isInside(tfDir, work));
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
/** Whether `p` lies inside folder `dir`. */
function isInside(p, dir) {
  const rel = path.relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Puts TensorFlow's two libraries and its headers from `tfDir` into the tfjs-node package at `pkgDir`
 * (deps/lib with the unversioned links the binding links against, deps/include). `owned`: tfDir is bench's
 * own unpacked wheel, so its files are moved; otherwise (`--from` an installed tensorflow/ folder) they are
 * copied, and the user's folder is left as it was.
 */
function placeLibraries(tfDir, pkgDir, owned) {
  const take = (src, dst) => (owned ? fs.renameSync(src, dst) : fs.cpSync(src, dst, { recursive: true }));
  const lib = path.join(pkgDir, 'deps', 'lib');
  fs.mkdirSync(lib, { recursive: true });
  for (const so of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) take(path.join(tfDir, so), path.join(lib, so));
  fs.symlinkSync('libtensorflow_cc.so.2', path.join(lib, 'libtensorflow.so'));
  fs.symlinkSync('libtensorflow_framework.so.2', path.join(lib, 'libtensorflow_framework.so'));
  take(path.join(tfDir, 'include'), path.join(pkgDir, 'deps', 'include'));
}

module.exports = { ensureBuilt, placeLibraries };

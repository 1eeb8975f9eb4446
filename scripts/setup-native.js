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
 * This file is the command and its options; the work is in scripts/native/: paths.js (where things go),
 * tools.js (npm, node-gyp, pip), wheel.js (the TensorFlow wheel), build.js (the cached build) and
 * install.js (the copy in node_modules/.bench-native/).
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
const { DEFAULT_TENSORFLOW, cacheDirFor, cacheRoot, installRoot } = require('./native/paths');
const { SetupError } = require('./native/tools');
const { versionOfWheel } = require('./native/wheel');
const { ensureBuilt } = require('./native/build');
const { installIntoProject } = require('./native/install');

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

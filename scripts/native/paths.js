'use strict';
/**
 * Where the native engine build goes and what it is built from: the TensorFlow version, the tfjs-node
 * version (from package.json), the cache directory keyed per TensorFlow version, flavour and Node ABI,
 * and the project's node_modules/.bench-native/. Names only: nothing here reads the network or builds.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The TensorFlow release whose C library is known to work with tfjs-node 4.22 (docs/engine.md, "Getting the native engine"). */
const DEFAULT_TENSORFLOW = '2.21.0';
/** The checkout whose package.json and node_modules/ the build serves. */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
/** The N-API version the binding is built for (lib/napi-v<N>/tfjs_binding.node). */
const NAPI_VERSION = 8;
/** Runtime dependencies of tfjs-node's JavaScript besides @tensorflow/tfjs (node-pre-gyp is replaced by a shim). */
const RUNTIME_DEPS = { progress: '2.0.3', 'google-protobuf': '3.21.4' };

/** The tfjs-node version to build: the one package.json names (its optional dependency, else tfjs'). */
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

/** The npm package built: tfjs-node, or tfjs-node-gpu for the GPU wheel. */
function packageName(gpu) {
  return gpu ? 'tfjs-node-gpu' : 'tfjs-node';
}

/** Where the installed copy lives in this project. */
function installRoot(projectRoot = PROJECT_ROOT) {
  return path.join(projectRoot, 'node_modules', '.bench-native');
}

module.exports = { DEFAULT_TENSORFLOW, PROJECT_ROOT, NAPI_VERSION, RUNTIME_DEPS, tfjsNodeVersion, cacheRoot, cacheDirFor, packageName, installRoot };

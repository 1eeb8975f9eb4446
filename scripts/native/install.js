'use strict';
/**
 * Installing a cached build into the project: node_modules/.bench-native/<package>/ holds a copy of the
 * package's JavaScript, its lib/ linked to the cached binding, its small runtime dependencies and a
 * stand-in for node-pre-gyp; native.json there records what core/backends loads. Writes nothing to the cache.
 */
const fs = require('node:fs');
const path = require('node:path');
const { NAPI_VERSION, PROJECT_ROOT, RUNTIME_DEPS, installRoot } = require('./paths');

function copyDir(src, dst) {
  fs.cpSync(src, dst, { recursive: true, dereference: false });
}

/** A stand-in for @mapbox/node-pre-gyp: tfjs-node only asks it where the binding is. */
const PRE_GYP_SHIM = `'use strict';
// Written by bench's scripts/setup-native.js: tfjs-node calls only find() to locate its binding.
const path = require('path');
exports.find = (packageJson) => path.join(path.dirname(packageJson), 'lib', 'napi-v${NAPI_VERSION}', 'tfjs_binding.node');
`;

/** Makes the cached build loadable from this project (see the module comment). */
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

module.exports = { installIntoProject };

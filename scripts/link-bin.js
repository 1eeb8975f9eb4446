#!/usr/bin/env node
'use strict';
// Links bin/bench.js as node_modules/.bin/bench, so that `npx bench` in a clone of this repository finds
// it at once instead of asking the registry for a package named "bench" (npm links the bins of
// dependencies, not the project's own). Installed as a package (node_modules/<name>/), npm links the bin
// itself, so there is nothing to do.
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '..');
if (path.basename(path.dirname(root)) === 'node_modules' || path.basename(path.dirname(path.dirname(root))) === 'node_modules') process.exit(0);
const binDir = path.join(root, 'node_modules', '.bin');
const link = path.join(binDir, 'bench');
try {
  fs.mkdirSync(binDir, { recursive: true });
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(binDir, path.join(root, 'bin', 'bench.js')), link);
} catch (e) {
  process.stderr.write(`bench: could not link node_modules/.bin/bench (${e.message}); use node bin/bench.js\n`);
}

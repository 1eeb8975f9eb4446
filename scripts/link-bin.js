#!/usr/bin/env node
'use strict';
// Links bin/bench.js as node_modules/.bin/bench, so that `npx bench` in a clone of this repository finds
// it at once instead of asking the registry for a package named "bench" (npm links the bins of
// dependencies, not the project's own).
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '..');
const binDir = path.join(root, 'node_modules', '.bin');
const link = path.join(binDir, 'bench');
try {
  fs.mkdirSync(binDir, { recursive: true });
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(binDir, path.join(root, 'bin', 'bench.js')), link);
} catch (e) {
  process.stderr.write(`bench: could not link node_modules/.bin/bench (${e.message}); use node bin/bench.js\n`);
}

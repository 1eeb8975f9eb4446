#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm install builds dist/ through the `prepare` script).
let main;
try {
  ({ main } = require('../dist/core/cli/main.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]core[\\/]cli[\\/]main/.test(e.message)) {
    process.stderr.write('bench: not built yet; run `npm install` (or `npm run build`) in the bench checkout\n');
    process.exit(2);
  }
  throw e;
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`bench: internal error: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  },
);

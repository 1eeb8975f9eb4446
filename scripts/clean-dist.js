#!/usr/bin/env node
'use strict';
// Empties dist/ before tsc compiles into it: tsc never deletes, so a module that moved or was renamed
// (core/backends/native.ts became engine.ts beside a native/ folder) would live on in dist/ and be loaded
// in place of the new one.
const fs = require('node:fs');
const path = require('node:path');

fs.rmSync(path.join(__dirname, '..', 'dist'), { recursive: true, force: true });

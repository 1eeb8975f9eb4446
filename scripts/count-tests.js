#!/usr/bin/env node
'use strict';
/**
 * The last line of .ci/run: `jest: N passed, M failed`, over one or more `jest --json` reports and
 * extra checks. A test that runs in several reports (the engine tests run on wasm and again on the
 * native engine) is one test, known by its file and full name (and its place among tests of the same
 * name in that file): passed when it passed in every report it ran in, failed when it failed in any.
 * Skipped and todo tests count as neither. A test file that failed outside its tests (it did not
 * compile, a hook threw) is one failed test; so is a report that is missing or not jest's JSON.
 *
 * Usage: node scripts/count-tests.js [--check NAME=EXIT_CODE ...] REPORT.json ...
 *   each --check is one more test, passed when EXIT_CODE is 0 (the regression gate, say).
 *   The failed tests are listed before the last line.
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * @typedef {{ fullName: string, status: string }} Assertion
 * @typedef {{ name: string, status?: string, message?: string, testExecError?: unknown, assertionResults?: Assertion[] }} FileResult
 * @typedef {{ testResults: FileResult[] }} Report
 */

/**
 * Counts the tests of `reports` (parsed jest JSON; a string in place of one: it could not be read,
 * and says why) and of `checks`, each test once.
 * @param {Array<Report | string>} reports
 * @param {Array<{ name: string, passed: boolean }>} [checks]
 * @param {string} [root] file names are shown relative to it
 * @returns {{ passed: number, failed: number, failures: string[] }}
 */
function countTests(reports, checks = [], root = process.cwd()) {
  /** @type {Map<string, boolean>} test -> passed in every report so far */
  const tests = new Map();
  const record = (key, passed) => tests.set(key, (tests.get(key) ?? true) && passed);
  reports.forEach((report, i) => {
    if (typeof report === 'string' || !report || !Array.isArray(report.testResults)) {
      record(`report ${i + 1}: ${typeof report === 'string' ? report : 'not a jest --json report'}`, false);
      return;
    }
    for (const file of report.testResults) {
      const name = path.relative(root, file.name);
      const seen = new Map();
      let failedInside = false;
      for (const a of file.assertionResults ?? []) {
        if (a.status !== 'passed' && a.status !== 'failed') continue;
        const k = seen.get(a.fullName) ?? 0;
        seen.set(a.fullName, k + 1);
        record(`${name} › ${a.fullName}${k > 0 ? ` (#${k + 1})` : ''}`, a.status === 'passed');
        failedInside ||= a.status === 'failed';
      }
      if ((file.status === 'failed' || file.testExecError) && !failedInside) {
        const why = String(file.message ?? file.testExecError ?? '').trim().split('\n').find((l) => l.trim()) ?? 'failed';
        record(`${name} (the file failed: ${why.trim()})`, false);
      }
    }
  });
  for (const c of checks) record(c.name, c.passed);
  const failures = [...tests].filter(([, ok]) => !ok).map(([k]) => k);
  return { passed: tests.size - failures.length, failed: failures.length, failures };
}

/** Reads a report file: its parsed JSON, or why it cannot be read. */
function readReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return `${file}: ${e && e.code === 'ENOENT' ? 'no such file' : e.message}`;
  }
}

function main(argv) {
  const checks = [];
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') {
      const m = /^(.+)=(\d+)$/.exec(argv[++i] ?? '');
      if (!m) throw new Error(`--check: expected NAME=EXIT_CODE (got ${JSON.stringify(argv[i])})`);
      checks.push({ name: m[1], passed: m[2] === '0' });
    } else files.push(argv[i]);
  }
  const r = countTests(files.map(readReport), checks);
  for (const f of r.failures) process.stdout.write(`failed: ${f}\n`);
  process.stdout.write(`jest: ${r.passed} passed, ${r.failed} failed\n`);
  return r.failed > 0 ? 1 : 0;
}

module.exports = { countTests };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stdout.write(`count-tests: ${e.message}\njest: 0 passed, 1 failed\n`);
    process.exitCode = 1;
  }
}

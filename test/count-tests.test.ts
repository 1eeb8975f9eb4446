/**
 * scripts/count-tests.js, the last line of .ci/run: each test counted once over the jest reports of
 * the wasm run and the native-engine rerun, the regression gate one more check.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { tempWriter } from './helpers';

interface Assertion {
  fullName: string;
  status: 'passed' | 'failed' | 'pending' | 'todo';
}
interface Report {
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{ name: string; status: 'passed' | 'failed'; message: string; assertionResults: Assertion[] }>;
}
interface CountScript {
  countTests(reports: Array<Report | string>, checks?: Array<{ name: string; passed: boolean }>, root?: string): { passed: number; failed: number; failures: string[] };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { countTests } = require('../scripts/count-tests.js') as CountScript;

const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts', 'count-tests.js');

/** A jest --json report (the fields jest writes that the count reads) of files -> tests -> status. */
function report(files: Record<string, Array<[string, Assertion['status']]>>, broken: Record<string, string> = {}): Report {
  const testResults = [
    ...Object.entries(files).map(([f, tests]) => ({
      name: path.join(ROOT, f),
      status: tests.some(([, s]) => s === 'failed') ? ('failed' as const) : ('passed' as const),
      message: '',
      assertionResults: tests.map(([fullName, status]) => ({ fullName, status })),
    })),
    ...Object.entries(broken).map(([f, message]) => ({ name: path.join(ROOT, f), status: 'failed' as const, message, assertionResults: [] })),
  ];
  const all = testResults.flatMap((r) => r.assertionResults);
  return { numPassedTests: all.filter((a) => a.status === 'passed').length, numFailedTests: all.filter((a) => a.status === 'failed').length, testResults };
}

// The whole suite on wasm, then the engine tests again on the native engine.
const wasm = report({
  'core/perf.test.ts': [['perf trains without a leak', 'passed'], ['perf is reproducible', 'passed']],
  'core/backends/native.test.ts': [['native loads', 'passed'], ['native gpu', 'pending']],
  'core/suite.test.ts': [['suite expands the grid', 'passed']],
});
const native = report({
  'core/perf.test.ts': [['perf trains without a leak', 'passed'], ['perf is reproducible', 'failed']],
  'core/backends/native.test.ts': [['native loads', 'passed'], ['native gpu', 'pending']],
});

describe('count-tests', () => {
  it('a test that ran in two reports counts once: passed in both, passed; failed in either, failed', () => {
    // Summing the reports, as .ci/run did, counts the engine tests twice: 6 passed, 1 failed.
    expect([wasm.numPassedTests + native.numPassedTests, wasm.numFailedTests + native.numFailedTests]).toEqual([6, 1]);
    expect(countTests([wasm, native], [], ROOT)).toEqual({ passed: 3, failed: 1, failures: ['core/perf.test.ts › perf is reproducible'] });
    expect(countTests([wasm, wasm], [], ROOT)).toMatchObject({ passed: 4, failed: 0 });
  });

  it('the gate is one more check; a file that failed to run and an unreadable report are one failure each', () => {
    const broken = report({ 'core/a.test.ts': [['a works', 'passed']] }, { 'core/b.test.ts': "Test suite failed to run\n\nCannot find module './nope'" });
    const r = countTests([broken, 'r.json: no such file'], [{ name: 'regression gate', passed: false }, { name: 'lint', passed: true }], ROOT);
    expect(r).toEqual({
      passed: 2,
      failed: 3,
      failures: ['core/b.test.ts (the file failed: Test suite failed to run)', 'report 2: r.json: no such file', 'regression gate'],
    });
  });

  it('two tests of one name in one file are two tests, matched by their place across reports', () => {
    const twice = report({ 'core/x.test.ts': [['x', 'passed'], ['x', 'passed']] });
    const second = report({ 'core/x.test.ts': [['x', 'passed'], ['x', 'failed']] });
    expect(countTests([twice, second], [], ROOT)).toEqual({ passed: 1, failed: 1, failures: ['core/x.test.ts › x (#2)'] });
  });

  it('as .ci/run calls it: the failures listed, then the line, exit 1 when anything failed', () => {
    const { write } = tempWriter('bench-count-');
    const a = write('wasm.json', wasm);
    const b = write('native.json', native);
    const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
    const r = run('--check', 'regression gate=0', a, b);
    expect([r.status, r.stdout]).toEqual([1, 'failed: core/perf.test.ts › perf is reproducible\njest: 4 passed, 1 failed\n']);
    const ok = run('--check', 'regression gate=0', a);
    expect([ok.status, ok.stdout]).toEqual([0, 'jest: 5 passed, 0 failed\n']);
    const bad = run('--check', 'gate', a);
    expect([bad.status, bad.stdout]).toEqual([1, 'count-tests: --check: expected NAME=EXIT_CODE (got "gate")\njest: 0 passed, 1 failed\n']);
  });
});

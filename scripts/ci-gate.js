#!/usr/bin/env node
'use strict';
/**
 * The project's own CI regression gate, as .ci/run runs it: `bench run` of the gate suite on the
 * embedded MNIST subset, then `bench compare` against the committed baseline with the thresholds of
 * .ci/gate.json (the one place they are written; test/ci-gate.test.ts reads the same file and shows
 * that a 2-point accuracy drop and a 1.5x slowdown trip them). Needs dist/ (npm ci builds it).
 *
 * Wall-clock times mean something only when the run had its core to itself: the calibration probe
 * absorbs a slower or faster CPU, not other processes taking turns on it (measured: a run that got
 * 38% of a core read 2.3x slower; docs/ci-gate.md). So the run is timed here in CPU seconds too, in
 * this process (the gate's one worker is this process); when it got less than `minCpuShare` of a
 * core, train times are shown but not gated, and the output says so; accuracy is always gated.
 *
 * Usage: node scripts/ci-gate.js WORK_DIR
 *   writes WORK_DIR/gate.json (the current results) and WORK_DIR/gate.log (bench run's output);
 *   exit 0 no regression, 1 a regression or a failed run, 2 files that cannot be compared.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/**
 * The gate's definition (.ci/gate.json).
 * @typedef {{ suite: string, baseline: string, backend: string, workers: number, maxAccuracyDrop: number,
 *   maxSlowdown: string, allowEnvMismatch: boolean, minCpuShare: number, measuredSlowdownNoise: number }} Gate
 * @returns {Gate}
 */
function loadGate() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, '.ci', 'gate.json'), 'utf8'));
}

/**
 * The arguments of `bench run` for the gate: the embedded data (an empty --data-dir) on every machine.
 * @param {Gate} gate
 * @param {string} dir work directory
 * @returns {string[]}
 */
function runArgs(gate, dir) {
  return ['run', gate.suite, '--backend', gate.backend, '--workers', String(gate.workers), '--data-dir', path.join(dir, 'no-data'), '--out', path.join(dir, 'gate.json')];
}

/**
 * The arguments of `bench compare` with the gate's thresholds; accuracy alone when `cpuShare` (the
 * share of a core the run got) is below the gate's minCpuShare.
 * @param {Gate} gate
 * @param {string} baseline baseline results file
 * @param {string} current current results file
 * @param {number} [cpuShare] 1 (a core of its own) when absent
 * @returns {string[]}
 */
function compareArgs(gate, baseline, current, cpuShare = 1) {
  return [
    'compare', baseline, current,
    '--max-accuracy-drop', String(gate.maxAccuracyDrop),
    '--max-slowdown', gate.maxSlowdown,
    ...(gate.allowEnvMismatch ? ['--allow-env-mismatch'] : []),
    ...(cpuShare < gate.minCpuShare ? ['--metric', 'testAccuracy'] : []),
  ];
}

/** CPU seconds this process has used (user + system). */
function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function main(argv) {
  const dir = argv[0];
  if (!dir) {
    process.stderr.write('usage: node scripts/ci-gate.js WORK_DIR\n');
    return 2;
  }
  const gate = loadGate();
  if (gate.workers !== 1) throw new Error('.ci/gate.json: workers must be 1 (the run is timed in this process)');
  const bench = require(path.join(ROOT, 'dist', 'core', 'cli', 'main.js')).main;
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(dir, 'gate.log');
  fs.writeFileSync(log, '');
  const toLog = (text) => fs.appendFileSync(log, `${text}\n`);
  const wall0 = performance.now();
  const cpu0 = cpuSeconds();
  const ran = await bench(runArgs(gate, dir), { out: toLog, err: toLog, isTTY: false });
  const wall = (performance.now() - wall0) / 1000;
  const share = (cpuSeconds() - cpu0) / wall;
  process.stdout.write(`gate suite: ${wall.toFixed(0)} s, ${(share * 100).toFixed(0)}% of a core\n`);
  if (ran !== 0) {
    process.stdout.write(fs.readFileSync(log, 'utf8'));
    return 1;
  }
  const baseline = path.join(ROOT, gate.baseline);
  const current = path.join(dir, 'gate.json');
  if (share < gate.minCpuShare) {
    process.stdout.write(
      `the machine was busy: the run got ${(share * 100).toFixed(0)}% of a core (times are gated from ${(gate.minCpuShare * 100).toFixed(0)}%), so its wall-clock times read about ${((1 / share - 1) * 100).toFixed(0)}% slow. For information, not gated:\n`,
    );
    await bench(compareArgs(gate, baseline, current));
    process.stdout.write('The gate on this run: accuracy alone.\n');
  }
  return bench(compareArgs(gate, baseline, current, share));
}

module.exports = { loadGate, runArgs, compareArgs };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`ci-gate: ${e && e.message ? e.message : e}\n`);
      process.exitCode = 1;
    },
  );
}

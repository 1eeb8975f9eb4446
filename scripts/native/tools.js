'use strict';
/**
 * The programs the native engine build runs (npm, node-gyp, pip, unzip, tar) and how: found on PATH or
 * beside the running node and npm, run synchronously, a failure turned into a SetupError whose message
 * ends with the last lines the program printed. Knows nothing of TensorFlow or of what is built.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** A reason the build cannot be made, in a line or a few: shown to the user without a stack trace. */
class SetupError extends Error {}

/** Runs `cmd` with `args` and returns its stdout; throws SetupError with the output's tail when it fails. */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, ...opts });
  if (r.error) throw new SetupError(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stderr || ''}${r.stdout || ''}`.trim().split('\n').slice(-6).join('\n');
    throw new SetupError(`${path.basename(cmd)} ${args.slice(0, 3).join(' ')} failed (exit ${r.status}):\n${tail}`);
  }
  return r.stdout;
}

/** The first executable called `name` on PATH, or undefined. */
function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** npm's own CLI: the one running this install when there is one. */
function npmCommand() {
  const execpath = process.env.npm_execpath;
  if (execpath && /npm-cli\.js$/.test(execpath)) return [process.execPath, [execpath]];
  const npm = which('npm');
  if (!npm) throw new SetupError('npm was not found on PATH');
  return [npm, []];
}

/** node-gyp as npm ships it (npm rebuild uses the same). */
function nodeGyp() {
  const candidates = [];
  if (process.env.npm_execpath) candidates.push(path.resolve(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const npm = which('npm');
  if (npm) candidates.push(path.resolve(path.dirname(fs.realpathSync(npm)), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(path.resolve(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    /* not installed locally */
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new SetupError('node-gyp was not found (it ships with npm)');
  return found;
}

/** Node's headers next to the running node (distribution packages put them in <prefix>/include/node). */
function nodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

/** pip, as `python3 -m pip` where it works, else a pip executable; undefined when there is none. */
function pythonPip() {
  for (const py of ['python3', 'python']) {
    const exe = which(py);
    if (exe && spawnSync(exe, ['-m', 'pip', '--version'], { encoding: 'utf8' }).status === 0) return [exe, ['-m', 'pip']];
  }
  for (const pip of ['pip3', 'pip']) {
    const exe = which(pip);
    if (exe) return [exe, []];
  }
  return undefined;
}

module.exports = { SetupError, run, which, npmCommand, nodeGyp, nodeDir, pythonPip };

'use strict';
/**
 * TensorFlow's Python wheel as the source of its C library: downloaded with pip (no Python environment
 * is changed), or given with --from as a wheel, a folder holding one, or an unpacked tensorflow/ folder;
 * only the two shared libraries and the C API headers are unpacked.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { SetupError, run, which, pythonPip } = require('./tools');

/** Downloads the wheel with pip (no Python environment is changed); returns its path. */
function downloadWheel(tensorflow, gpu, dest, log, showProgress) {
  const pip = pythonPip();
  if (!pip) throw new SetupError('pip is not available to download the TensorFlow wheel (pass --from WHEEL_OR_DIR)');
  const spec = `${gpu ? 'tensorflow' : 'tensorflow-cpu'}==${tensorflow}`;
  fs.mkdirSync(dest, { recursive: true });
  const base = [...pip[1], 'download', '--no-deps', '--retries', '0', '--disable-pip-version-check', '-d', dest, spec];
  log(`downloading ${spec} with pip (about 270 MB${gpu ? '; more for the GPU wheel' : ''})`);
  const stdio = ['ignore', showProgress ? 'inherit' : 'pipe', 'pipe']; // pip draws its progress bar on stdout
  let r = spawnSync(pip[0], base, { encoding: 'utf8', stdio });
  if (r.status !== 0) {
    // The libraries do not depend on Python: take the cp311 manylinux wheel whatever Python runs pip.
    const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
    r = spawnSync(pip[0], [...base, '--only-binary=:all:', '--python-version', '311', '--platform', `manylinux_2_27_${arch}`, '--platform', `manylinux_2_17_${arch}`], {
      encoding: 'utf8',
      stdio,
    });
  }
  if (r.status !== 0) {
    const why = `${r.stderr || ''}`.trim().split('\n').filter((l) => /ERROR|error/.test(l)).slice(-1)[0] || `exit ${r.status}`;
    throw new SetupError(`pip could not download ${spec}: ${why.replace(/^ERROR: /, '')}`);
  }
  const wheel = fs.readdirSync(dest).find((f) => f.endsWith('.whl') && f.startsWith(gpu ? 'tensorflow-' : 'tensorflow_cpu-'));
  if (!wheel) throw new SetupError(`pip reported success but no ${spec} wheel is in ${dest}`);
  return path.join(dest, wheel);
}

/** Wheel members the build needs; fewer headers fail (tf_tstring.h needs core/platform/ctstring.h). */
const WHEEL_MEMBERS = [
  'tensorflow/libtensorflow_cc.so.2',
  'tensorflow/libtensorflow_framework.so.2',
  'tensorflow/include/tensorflow/c/*',
  'tensorflow/include/tensorflow/core/platform/*',
  'tensorflow/include/tsl/*',
  'tensorflow/include/xla/tsl/c/*',
];

function extractWheel(wheel, dest) {
  fs.mkdirSync(dest, { recursive: true });
  if (which('unzip')) {
    run('unzip', ['-q', '-o', wheel, ...WHEEL_MEMBERS, '-d', dest]);
  } else {
    const py = which('python3') || which('python');
    if (!py) throw new SetupError('neither unzip nor python3 is available to unpack the wheel');
    const code = `import fnmatch,sys,zipfile
z=zipfile.ZipFile(sys.argv[1]); pats=sys.argv[3:]
z.extractall(sys.argv[2],[n for n in z.namelist() if any(fnmatch.fnmatch(n,p) for p in pats)])`;
    run(py, ['-c', code, wheel, dest, ...WHEEL_MEMBERS]);
  }
  return path.join(dest, 'tensorflow');
}

/**
 * Finds the libraries and headers in `from`: a wheel, a directory holding one, an unpacked wheel or
 * site-packages `tensorflow/` directory (libtensorflow_cc.so.2 + include/).
 */
function tensorflowDirFrom(from, tmp, log) {
  const abs = path.resolve(from);
  if (!fs.existsSync(abs)) throw new SetupError(`--from ${from}: no such file or directory`);
  if (fs.statSync(abs).isFile()) {
    if (!abs.endsWith('.whl')) throw new SetupError(`--from ${from}: expected a .whl file or a directory`);
    log(`unpacking ${path.basename(abs)}`);
    return extractWheel(abs, tmp);
  }
  for (const dir of [abs, path.join(abs, 'tensorflow')]) {
    if (fs.existsSync(path.join(dir, 'libtensorflow_cc.so.2')) && fs.existsSync(path.join(dir, 'include', 'tensorflow', 'c', 'c_api.h'))) return dir;
  }
  const wheel = fs.readdirSync(abs).find((f) => /^tensorflow(_cpu)?-.*\.whl$/.test(f));
  if (wheel) {
    log(`unpacking ${wheel}`);
    return extractWheel(path.join(abs, wheel), tmp);
  }
  throw new SetupError(`--from ${from}: no TensorFlow wheel and no tensorflow/ directory with libtensorflow_cc.so.2 and include/`);
}

/** The TensorFlow version in a wheel's file name, or undefined when it is not a TensorFlow wheel. */
function versionOfWheel(file) {
  const m = /^tensorflow(?:_cpu|_gpu)?-([0-9][^-]*)-/.exec(path.basename(file));
  return m ? m[1] : undefined;
}

module.exports = { downloadWheel, extractWheel, tensorflowDirFrom, versionOfWheel };

/**
 * The native build's placing of TensorFlow's libraries (scripts/native/build.js): bench's own unpacked
 * wheel is moved into the tfjs-node package, a folder the user named with `--from` is copied and left
 * as it was (it may be a Python installation's site-packages/tensorflow).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { placeLibraries } = require('../scripts/native/build.js') as { placeLibraries: (tfDir: string, pkgDir: string, owned: boolean) => void };

function fakeTensorflow(dir: string): void {
  fs.mkdirSync(path.join(dir, 'include', 'tensorflow', 'c'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'include', 'tensorflow', 'c', 'c_api.h'), '/* c api */');
  fs.writeFileSync(path.join(dir, 'libtensorflow_cc.so.2'), 'cc');
  fs.writeFileSync(path.join(dir, 'libtensorflow_framework.so.2'), 'fw');
}

const listing = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

test.each([
  ['--from a folder of the user', false, ['include', 'include/tensorflow', 'include/tensorflow/c', 'include/tensorflow/c/c_api.h', 'libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']],
  ["bench's own unpacked wheel", true, []],
])('%s: the package gets the libraries, links and headers', (_what, owned, left) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-native-place-'));
  const tf = path.join(root, 'tensorflow');
  const pkg = path.join(root, 'tfjs-node');
  fakeTensorflow(tf);
  placeLibraries(tf, pkg, owned as boolean);
  expect(fs.readFileSync(path.join(pkg, 'deps', 'lib', 'libtensorflow_cc.so.2'), 'utf8')).toBe('cc');
  expect(fs.readlinkSync(path.join(pkg, 'deps', 'lib', 'libtensorflow.so'))).toBe('libtensorflow_cc.so.2');
  expect(fs.readlinkSync(path.join(pkg, 'deps', 'lib', 'libtensorflow_framework.so'))).toBe('libtensorflow_framework.so.2');
  expect(fs.readFileSync(path.join(pkg, 'deps', 'include', 'tensorflow', 'c', 'c_api.h'), 'utf8')).toBe('/* c api */');
  expect(listing(tf)).toEqual(left);
  fs.rmSync(root, { recursive: true, force: true });
});

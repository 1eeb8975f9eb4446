/**
 * The native engine as the harness finds it (the candidate builds in node_modules/.bench-native/native.json,
 * why each cannot load, the GPU probe) and scripts/setup-native.js' cache key, wheel names and npm hook.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../util/paths';
import { nativeCandidates, probeGpu, readNativeManifest } from './engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const setup = require(path.join(PACKAGE_ROOT, 'scripts', 'setup-native.js')) as {
  cacheDirFor(tf: string, gpu: boolean): string;
  versionOfWheel(f: string): string | undefined;
};
const SCRIPT = path.join(PACKAGE_ROOT, 'scripts', 'setup-native.js');

/** A project root with node_modules/.bench-native/native.json listing `builds`. */
function fakeProject(builds: Record<string, { nodeAbi: string; withBinding: boolean }>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-native-'));
  fs.writeFileSync(path.join(root, 'package.json'), '{}');
  const nm = path.join(root, 'node_modules', '.bench-native');
  const manifest: Record<string, unknown> = {};
  for (const [pkg, b] of Object.entries(builds)) {
    const dir = path.join(nm, pkg);
    fs.mkdirSync(path.join(dir, 'lib', 'napi-v8'), { recursive: true });
    if (b.withBinding) fs.writeFileSync(path.join(dir, 'lib', 'napi-v8', 'tfjs_binding.node'), '');
    manifest[pkg] = { tensorflow: '2.21.0', gpu: pkg.endsWith('gpu'), package: pkg, nodeAbi: b.nodeAbi, dir, cache: path.join(root, 'cache', pkg), source: 'x.whl', builtAt: '', buildSeconds: 1, tfjsNode: '4.22.0' };
  }
  fs.writeFileSync(path.join(nm, 'native.json'), JSON.stringify(manifest));
  return root;
}

describe('native engine candidates', () => {
  it('lists the GPU build first and says why each cannot be used', () => {
    const abi = process.versions.modules;
    const root = fakeProject({ 'tfjs-node-gpu': { nodeAbi: '1', withBinding: true }, 'tfjs-node': { nodeAbi: abi, withBinding: true } });
    const c = nativeCandidates(root);
    expect(c.map((x) => x.label)).toEqual([
      'tfjs-node-gpu (bench build, TensorFlow 2.21.0)',
      '@tensorflow/tfjs-node-gpu (npm)',
      'tfjs-node (bench build, TensorFlow 2.21.0)',
      '@tensorflow/tfjs-node (npm)',
    ]);
    expect(c[0]!.entry).toBeUndefined();
    expect(c[0]!.missing).toBe(`built for Node ABI 1, this is ${abi}: run \`bench setup native --gpu\``);
    expect(c[2]!.entry).toBe(path.join(root, 'node_modules', '.bench-native', 'tfjs-node'));
    expect(c[1]!.missing).toBe('not installed');
  });

  it('notices a binding removed from the cache', () => {
    const root = fakeProject({ 'tfjs-node': { nodeAbi: process.versions.modules, withBinding: false } });
    const [cpuBuild] = nativeCandidates(root).filter((x) => x.build);
    expect(cpuBuild!.missing).toMatch(/^its binding is gone from .*: run `bench setup native`$/);
  });

  it('reads no manifest as no builds', () => {
    expect(readNativeManifest(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-empty-')))).toEqual({});
  });

  it('probes for a GPU without failing', () => {
    const g = probeGpu();
    expect(g.devices.length > 0 || /no NVIDIA GPU found|lists no device/.test(g.summary)).toBe(true);
  });
});

describe('scripts/setup-native.js', () => {
  it('keys the cache on TensorFlow version, flavour and Node ABI under $BENCH_CACHE_DIR', () => {
    const before = process.env.BENCH_CACHE_DIR;
    process.env.BENCH_CACHE_DIR = '/c';
    try {
      expect(setup.cacheDirFor('2.21.0', false)).toBe(`/c/native/tf-2.21.0-node-abi${process.versions.modules}`);
      expect(setup.cacheDirFor('2.20.0', true)).toBe(`/c/native/tf-2.20.0-gpu-node-abi${process.versions.modules}`);
    } finally {
      if (before === undefined) delete process.env.BENCH_CACHE_DIR;
      else process.env.BENCH_CACHE_DIR = before;
    }
  });

  it('reads the version from wheel names', () => {
    expect(setup.versionOfWheel('/x/tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl')).toBe('2.21.0');
    expect(setup.versionOfWheel('tensorflow-2.20.1-cp312-cp312-manylinux_2_17_x86_64.whl')).toBe('2.20.1');
    expect(setup.versionOfWheel('numpy-2.0.0.whl')).toBeUndefined();
  });

  it('as the npm hook: one line and exit 0 when skipped, or when the build cannot happen', () => {
    const skip = spawnSync(process.execPath, [SCRIPT, '--auto'], { encoding: 'utf8', env: { ...process.env, BENCH_SKIP_NATIVE: '1' } });
    expect(skip.status).toBe(0);
    expect(skip.stdout).toBe('bench: native engine skipped (BENCH_SKIP_NATIVE is set); the engine is wasm\n');
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'));
    const bad = spawnSync(process.execPath, [SCRIPT, '--auto', '--from', path.join(cache, 'nothing.whl')], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_SKIP_NATIVE: '', BENCH_CACHE_DIR: cache },
    });
    expect(bad.status).toBe(0);
    expect(bad.stdout.split('\n').filter(Boolean)).toEqual([
      `bench: native engine skipped (--from ${path.join(cache, 'nothing.whl')}: no such file or directory); the engine is wasm. Retry with \`bench setup native\``,
    ]);
    expect(fs.readdirSync(cache)).toEqual([]); // nothing written
  });
});

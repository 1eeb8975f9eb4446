/**
 * From a clone to a tool (issue 21): this checkout packed as npm would publish it (`npm pack`, whose
 * `prepare` compiles dist/, in a copy of the checkout so that this one's dist/ is left alone), installed
 * from the tarball into an empty folder outside the repository (one install per run, dependencies from
 * the npm registry through the user's npm cache), and used there as a new user would: the packaged quick
 * suite on the embedded MNIST subset, the API by require and import, a TypeScript plugin scaffolded
 * there, checked by `bench plugin check`, tested and type-checked against the exports map's types, and
 * trained by a suite on worker processes. Skipped, saying so, only when the registry is unreachable.
 *
 * The native engine: when the cache holds a build, the install must reuse it; otherwise the install
 * runs with BENCH_SKIP_NATIVE=1 (building it is `npm ci`'s job, not this test's) and must say wasm.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..');
const NAME = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string }).name;

/** The environment for npm: without the npm_* variables of an enclosing `npm test`, which would point it at this checkout. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));
  return { ...e, NO_COLOR: '1', ...extra };
}

interface Ran {
  code: number | null;
  out: string;
  err: string;
  seconds: number;
}

function sh(cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}, timeoutMs = 600_000): Ran {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd, env: env(extra), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 2 ** 20 });
  return { code: r.status, out: r.stdout ?? '', err: `${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`, seconds: (Date.now() - t0) / 1000 };
}
const ok = (r: Ran) => expect([r.code, r.code === 0 ? '' : `${r.out}\n${r.err}`.slice(-3000)]).toEqual([0, '']);

const reachable = sh('npm', ['ping'], os.tmpdir(), {}, 60_000).code === 0;
if (!reachable) console.warn('test/package.test.ts: SKIPPED, the npm registry is unreachable (`npm ping` failed): the tarball cannot be installed');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const native = require(path.join(REPO, 'scripts', 'native', 'paths.js')) as { DEFAULT_TENSORFLOW: string; cacheDirFor(v: string, gpu: boolean): string };
const cachedEngine = fs.existsSync(path.join(native.cacheDirFor(native.DEFAULT_TENSORFLOW, false), 'ready.json'));

(reachable ? describe : describe.skip)('the packed tarball, installed in an empty folder', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-package-'));
  const app = path.join(tmp, 'app');
  const timings: Record<string, number> = {};
  let packed: { filename: string; files: Array<{ path: string }> };
  let install: Ran;
  const bench = (...args: string[]) => sh('npx', ['--no', 'bench', ...args], app, { BENCH_TRAIN_LIMIT: '512', BENCH_TEST_LIMIT: '256' });

  beforeAll(() => {
    const stage = path.join(tmp, 'stage');
    const skip = new Set(['node_modules', '.git', 'dist', 'results', 'scratch', '.bench-cache']);
    fs.cpSync(REPO, stage, { recursive: true, filter: (src) => path.dirname(src) !== REPO || !skip.has(path.basename(src)) });
    fs.symlinkSync(fs.realpathSync(path.join(REPO, 'node_modules')), path.join(stage, 'node_modules'));
    const pack = sh('npm', ['pack', '--json', '--pack-destination', tmp], stage);
    timings.pack = pack.seconds;
    ok(pack);
    packed = (JSON.parse(pack.out) as Array<typeof packed>)[0]!;
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    install = sh('npm', ['install', path.join(tmp, packed.filename), '--no-audit', '--no-fund', '--prefer-offline', '--foreground-scripts'], app, cachedEngine ? {} : { BENCH_SKIP_NATIVE: '1' });
    timings.install = install.seconds;
    ok(install);
  }, 900_000);

  afterAll(() => {
    console.log(`test/package.test.ts timings (s): ${JSON.stringify(timings)}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the compiled code, its types, the embedded MNIST subset, the suites and the native build scripts; no sources or tests', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining([
      'bin/bench.js', 'dist/core/index.js', 'dist/core/index.d.ts', 'dist/core/plugin/kit.js', 'dist/core/plugin/kit.d.ts', 'dist/core/cli/main.js', 'dist/core/run/worker.js',
      'dist/plugins/optimizers/adam.js', 'dist/core/schemas/suite.schema.json', 'data/mnist-subset/train-images-first6309-idx3-ubyte.gz', 'suites/quick.json',
      'scripts/setup-native.js', 'scripts/native/build.js', 'scripts/native-quiet/quiet.c', 'README.md', 'package.json',
    ]));
    expect(files.filter((f) => /\.test\.|(?<!\.d)\.ts$|^(core|plugins|test)\//.test(f))).toEqual([]);
  });

  it('says in one line at install which engine it has: the cached native build reused, or wasm', () => {
    const lines = install.out.split('\n').filter((l) => l.startsWith('bench: native engine'));
    expect(lines).toEqual([
      cachedEngine
        ? expect.stringMatching(/^bench: native engine tfjs-node on TensorFlow [\d.]+ reused from the cache in \d+\.\d s \(.*\)$/)
        : 'bench: native engine skipped (BENCH_SKIP_NATIVE is set); the engine is wasm',
    ]);
  });

  it('exposes the API to require and import, ./plugin and ./schemas/*, and nothing else', () => {
    ok(sh('node', ['-e', `const b = require('${NAME}'); for (const f of ['runSuite', 'loadSuite', 'resolveSuite', 'readResults', 'rank', 'compare', 'report', 'listPlugins', 'checkPlugin']) if (typeof b[f] !== 'function') throw new Error(f + ' is ' + typeof b[f]);`], app));
    const esm = sh('node', ['--input-type=module', '-e', `import { runSuite } from '${NAME}'; import { tf, chain, optimizer, hyper } from '${NAME}/plugin'; console.log(typeof runSuite, typeof chain, typeof optimizer, typeof hyper.lr, typeof tf.tensor);`], app);
    ok(esm);
    expect(esm.out.trim()).toBe('function function function function function');
    const schema = sh('node', ['-p', `require('${NAME}/schemas/suite.schema.json').type`], app);
    expect(schema.out.trim()).toBe('object');
    const deep = sh('node', ['-e', `require('${NAME}/dist/core/tf.js')`], app);
    expect([deep.code, /ERR_PACKAGE_PATH_NOT_EXPORTED/.test(deep.err)]).toEqual([1, true]);
  });

  it('runs the packaged quick suite with `npx bench` on the embedded MNIST subset', () => {
    const r = bench('run', `node_modules/${NAME}/suites/quick.json`, '--data-dir', path.join(tmp, 'no-data'), '--out', path.join(app, 'quick.json'));
    timings.quick = r.seconds;
    ok(r);
    const doc = JSON.parse(fs.readFileSync(path.join(app, 'quick.json'), 'utf8'));
    expect(doc.environment.backend.name).toBe(cachedEngine ? 'tensorflow' : 'wasm');
    expect(doc.trials.map((t: { status: string; dataset: { id: string } }) => `${t.status} ${t.dataset.id}`)).toEqual(Array(4).fill('ok mnist-subset-6309-train512-test256'));
  }, 300_000);

  it('scaffolds a TypeScript plugin there, passes bench plugin check, its own npm test and tsc against the exported types', () => {
    ok(bench('plugin', 'new', 'optimizer', 'signum'));
    const check = bench('plugin', 'check', './bench-plugin-signum');
    ok(check);
    expect(check.out.trim().split('\n').pop()).toBe('6 checks: 6 passed, 0 failed, 0 skipped');
    const plugin = path.join(app, 'bench-plugin-signum');
    // Its devDependencies are the app's dependencies here (this package and jiti), found up the folder tree.
    const test = sh('npm', ['test'], plugin);
    ok(test);
    expect(test.out).toMatch(/^# pass 1$/m);
    ok(sh(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--typeRoots', path.join(REPO, 'node_modules', '@types')], plugin));
  }, 120_000);

  it('trains a suite that names the plugin folder, on two worker processes', () => {
    const suite = { name: 'outside', models: ['lenet5'], datasets: ['mnist'], plugins: ['./bench-plugin-signum'], optimizers: [{ name: 'signum', params: { lr: 0.001 } }, 'adam'], seeds: [1], epochs: 1, batchSize: 64 };
    fs.writeFileSync(path.join(app, 'outside.json'), JSON.stringify(suite));
    const r = bench('run', 'outside.json', '--workers', '2', '--data-dir', path.join(tmp, 'no-data'), '--out', path.join(app, 'outside-results.json'));
    ok(r);
    const doc = JSON.parse(fs.readFileSync(path.join(app, 'outside-results.json'), 'utf8'));
    expect(doc.trials.map((t: { status: string; optimizer: { name: string } }) => `${t.status} ${t.optimizer.name}`).sort()).toEqual(['ok adam', 'ok signum']);
  }, 300_000);
});

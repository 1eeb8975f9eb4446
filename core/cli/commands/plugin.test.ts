/**
 * `bench plugin new` and `bench plugin check`: a plugin package scaffolded outside the repository passes
 * the conformance checks as it is, trains in a suite that names its folder, and fails the check (exit 1)
 * once broken; bad names, kinds, folders and modules are bad input (exit 2).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, withDataLimits } from '../../../test/helpers';
import { PACKAGE_NAME } from '../../plugin/loader';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-plugin-cmd-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const dirOf = (name: string) => path.join(tmp, `bench-plugin-${name}`);

async function scaffold(name: string): Promise<string> {
  const r = await cli('plugin', 'new', 'optimizer', name, '--dir', dirOf(name));
  expect([r.code, r.err]).toEqual([0, '']);
  return dirOf(name);
}

describe('bench plugin new optimizer', () => {
  it('writes a TypeScript plugin package with its test, this package as peer dependency', async () => {
    const r = await cli('plugin', 'new', 'optimizer', 'my-opt', '--dir', dirOf('my-opt'));
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `created ${dirOf('my-opt')} (optimizer my-opt):\n  package.json\n  src/my-opt.ts\n  test/my-opt.test.ts\n  tsconfig.json\n  README.md\n  .gitignore\n` +
        `next: cd ${dirOf('my-opt')} && npm install && npm test\n      bench plugin check ${dirOf('my-opt')}`,
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(dirOf('my-opt'), 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'bench-plugin-my-opt', main: 'src/my-opt.ts', peerDependencies: { [PACKAGE_NAME]: '^0.1.0' }, devDependencies: { [PACKAGE_NAME]: '^0.1.0' } });
    expect(fs.readFileSync(path.join(dirOf('my-opt'), 'src/my-opt.ts'), 'utf8')).toContain(`from '${PACKAGE_NAME}/plugin';`);
  });

  it('refuses a name that is not kebab-case, a kind it cannot scaffold, and a folder that is not empty', async () => {
    expect(await cli('plugin', 'new', 'optimizer', 'My_Opt', '--dir', dirOf('x'))).toEqual({
      code: 2, out: '', err: 'bench: bench plugin new: the name "My_Opt" is not kebab-case (e.g. my-optimizer), as suites write plugin names',
    });
    expect((await cli('plugin', 'new', 'activation', 'cube', '--dir', dirOf('x'))).err).toBe('bench: bench plugin new: cannot scaffold a activation plugin yet; kinds: optimizer');
    fs.mkdirSync(dirOf('full'));
    fs.writeFileSync(path.join(dirOf('full'), 'keep.txt'), 'mine');
    expect(await cli('plugin', 'new', 'optimizer', 'full', '--dir', dirOf('full'))).toEqual({ code: 2, out: '', err: `bench: ${dirOf('full')} exists and is not an empty folder; choose another with --dir` });
    expect((await cli('plugin', 'new', 'optimizer')).err).toBe('bench: bench plugin new: name the plugin, e.g. bench plugin new optimizer my-opt');
  });
});

describe('bench plugin check', () => {
  it('passes a scaffolded plugin from outside the repository on every check and prints the table', async () => {
    const dir = await scaffold('signum');
    const r = await cli('plugin', 'check', dir);
    expect([r.code, r.err]).toEqual([0, '']);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`${path.join(dir, 'src/signum.ts')}: optimizer signum (cpu backend)`);
    for (const check of ['schema: defaults and descriptions', 'doc comment', 'no tensor leak over 100 steps', 'deterministic', 'elementwise honest (flat == per tensor)', 'descent on the quadratic']) {
      expect([check, lines.some((l) => l.includes(check) && l.includes(' passed '))]).toEqual([check, true]);
    }
    expect(lines[lines.length - 1]).toBe('6 checks: 6 passed, 0 failed, 0 skipped');
  });

  it('fails (exit 1) a scaffolded plugin edited to leak, naming the check; --json gives the results', async () => {
    const dir = await scaffold('leaky');
    const src = path.join(dir, 'src/leaky.ts');
    fs.writeFileSync(src, fs.readFileSync(src, 'utf8').replace('return { u: m.sign(), slots: { m } };', 'tf.keep(m.clone());\n      return { u: m.sign(), slots: { m } };'));
    const r = await cli('plugin', 'check', dir, '--json');
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out).results as Array<{ check: string; status: string; detail?: string }>;
    expect(results.filter((x) => x.status === 'failed')).toEqual([
      { plugin: 'leaky', kind: 'optimizer', check: 'no tensor leak over 100 steps', status: 'failed', detail: '99 more tensors after step 100 than after step 1' },
    ]);
    expect((await cli('plugin', 'check', dir)).out.split('\n').pop()).toBe('6 checks: 5 passed, 1 failed, 0 skipped');
  });

  it('compares with a reference file when given one', async () => {
    const golden = path.join(__dirname, '../../../plugins/optimizers/torch-trajectories.json');
    const r = await cli('plugin', 'check', dirOf('signum'), '--reference', golden);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${golden} has no trajectory of "signum"`);
    expect(r.out.split('\n').pop()).toBe('7 checks: 6 passed, 0 failed, 1 skipped');
  });

  it('says what is wrong with a module that is not there (exit 2) or does not load (exit 1)', async () => {
    expect(await cli('plugin', 'check', path.join(tmp, 'nothing'))).toEqual({ code: 2, out: '', err: `bench: ${path.join(tmp, 'nothing')}: no module at ${path.join(tmp, 'nothing')}` });
    const bad = path.join(tmp, 'bad.ts');
    fs.writeFileSync(bad, 'export default {\n');
    expect(await cli('plugin', 'check', bad)).toEqual({ code: 1, out: '', err: `bench: ${bad}: ${bad}: failed to load: ParseError: Unexpected token ${bad}:2:0` });
  });
});

describe('a suite naming the scaffolded folder', () => {
  withDataLimits(128, 64);
  it('trains with the TypeScript plugin (worker processes load it too: test/package.test.ts)', async () => {
    await scaffold('signum2');
    const suite = path.join(tmp, 'suite.json');
    fs.writeFileSync(suite, JSON.stringify({ name: 'outside', models: ['linear-784'], datasets: ['mnist'], plugins: ['./bench-plugin-signum2'], optimizers: [{ name: 'signum2', params: { lr: 0.01 } }], seeds: [1, 2], epochs: 1, batchSize: 32 }));
    const out = path.join(tmp, 'r.json');
    const r = await cli('run', suite, '--backend', 'cpu', '--workers', '1', '--out', out);
    expect([r.code, r.err.split('\n').filter((l) => /error|failed/i.test(l))]).toEqual([0, []]);
    const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(doc.trials.map((t: { status: string; optimizer: { name: string } }) => [t.status, t.optimizer.name])).toEqual([['ok', 'signum2'], ['ok', 'signum2']]);
  });
});

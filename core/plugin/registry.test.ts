/**
 * Plugin discovery by folder: the built-in plugins found with no registry to edit, a module that fails to
 * load recorded as broken, plugins named by path from a suite, schema checks and close-name suggestions.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pluginProblem, Registry } from './registry';
import { didYouMean } from '../util/did-you-mean';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reg-'));

function write(file: string, text: string): string {
  const p = path.join(tmp, file);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

const goodActivation = `module.exports = { default: { name: 'cube', kind: 'activation', summary: 'x^3',
  params: { type: 'object', properties: {} }, apply: (x) => x.mul(x).mul(x) } };`;

describe('plugin discovery', () => {
  const reg = Registry.builtIn();

  it('finds the built-in plugins by folder, with no registry to edit', () => {
    const names = (k: Parameters<Registry['list']>[0]) => reg.list(k).map((p) => p.name);
    expect(names('optimizer')).toEqual(expect.arrayContaining(['adam', 'sgd']));
    expect(names('activation')).toContain('relu');
    expect(names('initializer')).toEqual(expect.arrayContaining(['glorot-uniform', 'zeros']));
    expect(names('regularizer')).toContain('dropout');
    expect(reg.broken).toEqual([]);
  });

  it('records a module that fails to load as broken and keeps the others', () => {
    const dir = path.join(tmp, 'activations');
    write('activations/cube.js', goodActivation);
    write('activations/throws.js', `throw new Error('boom at load');`);
    write('activations/wrongkind.js', goodActivation.replace("name: 'cube', kind: 'activation'", "name: 'sq', kind: 'optimizer'"));
    write('activations/nofn.js', goodActivation.replace("name: 'cube'", "name: 'nofn'").replace('apply:', 'notApply:'));
    const r = new Registry();
    r.discover(dir, 'activation');
    expect(r.list('activation').map((p) => p.name)).toEqual(['cube']);
    const errors = Object.fromEntries(r.broken.map((b) => [path.basename(b.source), b.error]));
    expect(errors['throws.js']).toBe('failed to load: boom at load');
    expect(errors['wrongkind.js']).toBe('plugin "sq" has kind "optimizer" but sits in the activations folder');
    expect(errors['nofn.js']).toBe('plugin "nofn" has no `apply` function');
  });

  it('loads a plugin named by path relative to the suite file', () => {
    write('ext/my-act.js', goodActivation);
    const r = new Registry();
    expect(r.loadExternal('./ext/my-act.js', tmp)).toBeUndefined();
    expect(r.get('activation', 'cube')?.summary).toBe('x^3');
    expect(r.loadExternal('./ext/missing.js', tmp)).toBe(`no module at ${path.join(tmp, 'ext/missing.js')}`);
    expect(r.loadExternal('bench-plugin-that-does-not-exist', tmp)).toBe('package "bench-plugin-that-does-not-exist" is not installed');
  });

  it('rejects invalid parameter schemas', () => {
    const p = { name: 'x', kind: 'activation', summary: 's', params: { type: 'object', properties: { a: { type: 'nonsense' } } }, apply: () => 0 };
    expect(pluginProblem(p)).toMatch(/^plugin "x" has an invalid params schema/);
    expect(pluginProblem({ ...p, name: 'Not Kebab' })).toBe('has no kebab-case `name`');
  });

  it('suggests close names', () => {
    expect(didYouMean('adma', ['adam', 'sgd'])).toBe(' (did you mean "adam"?)');
    expect(didYouMean('completely-different', ['adam', 'sgd'])).toBe('');
  });
});

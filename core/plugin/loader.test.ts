/**
 * Plugins from outside the repository: TypeScript, ESM and CommonJS modules and packages, found by path
 * (with or without an extension, a folder with a package.json) or by package name, all of them creating
 * their tensors in the harness's own tfjs even where their folder holds another bench and another
 * tfjs-core in node_modules.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OptimizerPlugin } from './contracts';
import { PACKAGE_NAME, resolvePluginModule } from './loader';
import { Registry } from './registry';
import * as tf from '../tf';

// Outside the checkout, as a contributor's own repository would be.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-loader-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(file: string, text: string): string {
  const p = path.join(tmp, file);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

// A second bench and a second tfjs-core where the plugins live: what `npm install` in a plugin's own
// repository leaves. Their exports are markers, so a plugin that got them instead of the harness's shows it.
write(`node_modules/${PACKAGE_NAME}/package.json`, JSON.stringify({ name: PACKAGE_NAME, version: '0.0.0', main: 'index.js' }));
write(`node_modules/${PACKAGE_NAME}/index.js`, `exports.copy = 'second bench';`);
write(`node_modules/${PACKAGE_NAME}/plugin.js`, `exports.copy = 'second bench'; exports.tf = { copy: 'second bench' };`);
write('node_modules/@tensorflow/tfjs-core/package.json', JSON.stringify({ name: '@tensorflow/tfjs-core', version: '0.0.0', main: 'index.js' }));
write('node_modules/@tensorflow/tfjs-core/index.js', `exports.copy = 'second tfjs-core';`);

/** A sign-descent optimizer in TypeScript, importing the kit by package name and tfjs-core directly. */
const signTs = (name: string) => `/** Sign descent, a test plugin. */
import { tf, optimizer, chain, scaleByLr, type Transform } from '${PACKAGE_NAME}/plugin';
import * as tfc from '@tensorflow/tfjs-core';

interface SignParams extends Record<string, unknown> { lr: number }
const sign: Transform = { init: () => ({}), update: (u: tf.Tensor) => ({ u: tfc.sign(u), slots: {} }) };
export const seen = { kit: tf, core: tfc };
export default optimizer<SignParams>({
  name: '${name}',
  summary: 'w -= lr * sign(g)',
  params: { type: 'object', properties: { lr: { type: 'number', default: 0.1, description: 'learning rate' } } },
  transform: () => chain(sign, scaleByLr),
});
`;

/** One step of `plugin` on the host's tf; returns the new weight's values. */
function step(plugin: OptimizerPlugin): number[] {
  return tf.tidy(() => {
    const w = tf.tensor1d([1, -2]);
    const r = plugin.update(tf.tensor1d([0.5, -3]), w, plugin.init(w, { lr: 0.1 }), 1, 0.1, { lr: 0.1 });
    expect(r.weight).toBeInstanceOf(tf.Tensor);
    return Array.from(r.weight.dataSync());
  });
}

describe('plugins from outside the repository', () => {
  it('loads a TypeScript plugin whose imports of bench and tfjs-core reach the running harness, not the copies beside it', () => {
    write('ts/sign.ts', signTs('sign-ts'));
    const r = new Registry();
    expect(r.loadExternal('./ts/sign.ts', tmp)).toBeUndefined();
    const plugin = r.get('optimizer', 'sign-ts')!;
    const before = tf.memory().numTensors;
    expect(step(plugin)).toEqual([Math.fround(0.9), Math.fround(-1.9)]);
    expect(tf.memory().numTensors).toBe(before);
    const mod = r.moduleOf(plugin) as { seen: { kit: typeof tf; core: { copy?: string; engine: () => unknown } } };
    expect(mod.seen.kit.engine()).toBe(tf.engine());
    expect(mod.seen.core.copy).toBeUndefined();
    expect(mod.seen.core.engine()).toBe(tf.engine());
  });

  it('finds a TypeScript module without its extension, and a folder by its package.json', () => {
    write('bare/sign.ts', signTs('sign-bare'));
    write('pkgdir/src/sign.ts', signTs('sign-pkgdir'));
    write('pkgdir/package.json', JSON.stringify({ name: 'bench-plugin-sign', version: '1.0.0', main: 'src/sign.ts' }));
    expect(resolvePluginModule('./bare/sign', tmp)).toEqual({ file: path.join(tmp, 'bare/sign.ts') });
    expect(resolvePluginModule('./pkgdir', tmp)).toEqual({ file: path.join(tmp, 'pkgdir/src/sign.ts') });
    const r = new Registry();
    expect([r.loadExternal('./bare/sign', tmp), r.loadExternal('./pkgdir', tmp)]).toEqual([undefined, undefined]);
    expect(step(r.get('optimizer', 'sign-pkgdir')!)).toEqual([Math.fround(0.9), Math.fround(-1.9)]);
  });

  it('loads an ES module and an ESM-only package by name, sharing the harness tf', () => {
    const esm = (name: string) => `import { tf } from '${PACKAGE_NAME}/plugin';
export default { name: '${name}', kind: 'activation', summary: 'x^3', params: { type: 'object', properties: {} }, apply: (x) => tf.mul(x, tf.mul(x, x)) };`;
    write('esm/cube.mjs', esm('cube-mjs'));
    write('node_modules/bench-plugin-cube/package.json', JSON.stringify({ name: 'bench-plugin-cube', version: '2.0.0', type: 'module', exports: { '.': { import: './cube.js' } } }));
    write('node_modules/bench-plugin-cube/cube.js', esm('cube-pkg'));
    const r = new Registry();
    expect([r.loadExternal('./esm/cube.mjs', tmp), r.loadExternal('bench-plugin-cube', tmp)]).toEqual([undefined, undefined]);
    for (const name of ['cube-mjs', 'cube-pkg']) {
      const y = tf.tidy(() => Array.from(r.get('activation', name)!.apply(tf.tensor1d([2, -1]), {}).dataSync()));
      expect([name, y]).toEqual([name, [8, -1]]);
    }
  });

  it('records a TypeScript module that does not compile as broken, with the reason', () => {
    const file = write('bad/broken.ts', 'export default { name: "x", kind: ;\n');
    const r = new Registry();
    expect(r.loadExternal('./bad/broken.ts', tmp)).toBe(`failed to load: ParseError: Unexpected token ${file}:1:34`);
    expect(resolvePluginModule('./bad/missing', tmp)).toEqual({ error: `no module at ${path.join(tmp, 'bad/missing')}` });
  });
});

/**
 * Importers name the kernels' folder `backends/native/index`, never bare `backends/native`: a dist/ built
 * before the loader became core/backends/engine.ts still holds dist/core/backends/native.js (tsc does not
 * clean), and Node resolves `./native` to that file before the folder, which then has no kernels.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../../paths';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

it('no module imports core/backends/native without /index', () => {
  const bare = sources(path.join(PACKAGE_ROOT, 'core'))
    .concat(sources(path.join(PACKAGE_ROOT, 'plugins')), sources(path.join(PACKAGE_ROOT, 'test')))
    .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/from '([^']*)'/g)].map((m) => [f, m[1]!] as const))
    .filter(([f, spec]) => spec.startsWith('.') && path.resolve(path.dirname(f), spec) === path.join(PACKAGE_ROOT, 'core', 'backends', 'native'))
    .map(([f, spec]) => `${path.relative(PACKAGE_ROOT, f)}: ${spec}`);
  expect(bare).toEqual([]);
});

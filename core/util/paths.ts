/** Where the package's own files are, from the sources (ts-jest) or from dist/ alike. */
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${start}`);
    dir = up;
  }
  return dir;
}

/** The directory holding package.json, suites/ and data/. */
export const PACKAGE_ROOT = findRoot(__dirname);

/** The folder that holds core/ and plugins/: the checkout under ts-node and ts-jest, dist/ when compiled. */
export const CODE_ROOT = path.resolve(__dirname, '..', '..');

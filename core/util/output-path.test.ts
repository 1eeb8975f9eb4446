/**
 * Output paths checked before any work: files into existing folders (nothing left behind), relative paths
 * named as given, and new folders only when asked and only where files can be made.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inputErrorOf, tempWriter } from '../../test/helpers';
import { checkOutputFile, checkOutputFolder } from './output-path';

const { dir, write } = tempWriter('bench-output-path-');

describe('output paths', () => {
  it('a file in an existing folder passes and leaves nothing behind; an existing file may be replaced', () => {
    checkOutputFile(path.join(dir, 'new.json'), '--out');
    checkOutputFile(write('old.json', '{}'), '--out');
    expect(fs.readdirSync(dir).sort()).toEqual(['old.json']);
  });

  it('a relative path names the folder as given', () => {
    expect(inputErrorOf(() => checkOutputFile(path.join('no-such-folder-here', 'r.json'), '--out'))).toBe(
      '--out no-such-folder-here/r.json: folder no-such-folder-here does not exist (ENOENT)',
    );
  });

  it('a new folder is created with the folders above it only when asked, and only under a folder that takes files', () => {
    const deep = path.join(dir, 'a', 'b');
    checkOutputFolder(deep, '--svg-dir');
    expect(fs.existsSync(path.join(dir, 'a'))).toBe(false);
    checkOutputFolder(deep, 'the results folder', { create: true });
    expect(fs.statSync(deep).isDirectory()).toBe(true);
    const file = write('f', 'x');
    expect(inputErrorOf(() => checkOutputFolder(path.join(file, 'c'), '--cache-dir', { create: true }))).toBe(`--cache-dir ${file}/c: ${file} is not a folder (ENOTDIR)`);
  });
});

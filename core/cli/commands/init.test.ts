/** `bench init`: a starter suite that validates, names its schema, and whose every field the schema documents. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, tempWriter } from '../../../test/helpers';
import suiteSchema from '../../schemas/suite.schema.json';

const SCHEMA = path.join(__dirname, '../../schemas/suite.schema.json');
const { dir } = tempWriter('bench-init-');

describe('bench init', () => {
  it('writes a starter suite that bench validate accepts, named after the file', async () => {
    const file = path.join(dir, 'my-first.json');
    const r = await cli('init', file);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toBe(`wrote ${file}: a starter suite (2 configurations x 3 seeds = 6 trials); next: bench validate ${file}, then bench run ${file}`);
    const suite = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(suite.name).toBe('my-first');
    expect(suite.description).toContain('bench list');
    const v = await cli('validate', file);
    expect([v.code, v.out, v.err]).toEqual([0, `${file}: valid suite "my-first": 2 configurations x 3 seeds = 6 trials`, '']);
  });

  it('names the schema by a path relative to the file, which an editor resolves', async () => {
    fs.mkdirSync(path.join(dir, 'deep', 'er'), { recursive: true });
    const file = path.join(dir, 'deep', 'er', 'suite.json');
    expect((await cli('init', file)).code).toBe(0);
    const suite = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(suite)[0]).toBe('$schema');
    expect(path.isAbsolute(suite.$schema)).toBe(false);
    expect(path.resolve(path.dirname(file), suite.$schema)).toBe(SCHEMA);
  });

  it('the schema documents every field the starter suite sets (what an editor shows on hover)', async () => {
    const file = path.join(dir, 'documented.json');
    expect((await cli('init', file)).code).toBe(0);
    const props = suiteSchema.properties as Record<string, { description?: string }>;
    const undocumented = Object.keys(JSON.parse(fs.readFileSync(file, 'utf8'))).filter((k) => !props[k]?.description);
    expect(undocumented).toEqual([]);
  });

  it('refuses to overwrite a file unless --force, and a name that is not a suite name', async () => {
    const file = path.join(dir, 'taken.json');
    fs.writeFileSync(file, '{"keep": true}');
    const r = await cli('init', file);
    expect([r.code, r.err]).toEqual([2, `bench: ${file} exists; pass --force to overwrite it`]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"keep": true}');
    expect((await cli('init', file, '--force')).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).name).toBe('taken');
    const odd = await cli('init', path.join(dir, '.hidden.json'), '--name', 'a b');
    expect([odd.code, odd.err]).toEqual([2, 'bench: --name: "a b" is not a suite name (letters, digits, ".", "_" and "-", starting with a letter or digit)']);
  });

  it('writes suite.json in the current folder when given no file', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await cli('init');
      expect(r.code).toBe(0);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'suite.json'), 'utf8')).name).toBe('suite');
    } finally {
      process.chdir(cwd);
    }
  });
});

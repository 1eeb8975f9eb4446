/**
 * The suites in suites/ name their schema in `"$schema"`, so an editor completes and documents their
 * fields; `$schema` is for editors only: the suite as run (and recorded in results) does not hold it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadSuite } from '../core/suite/load';
import { readResults } from '../core/results/document';

const ROOT = path.join(__dirname, '..');
const SCHEMA = path.join(ROOT, 'core/schemas/suite.schema.json');
const SUITES = fs.readdirSync(path.join(ROOT, 'suites')).filter((f) => f.endsWith('.json'));

test.each(SUITES)('suites/%s names the suite schema in "$schema", first', (file) => {
  const text = fs.readFileSync(path.join(ROOT, 'suites', file), 'utf8');
  const suite = JSON.parse(text) as Record<string, unknown>;
  expect(Object.keys(suite)[0]).toBe('$schema');
  expect(suite.$schema).toBe('../core/schemas/suite.schema.json');
  expect(path.resolve(ROOT, 'suites', suite.$schema as string)).toBe(SCHEMA);
});

test('"$schema" is not part of the suite as run: ci-gate loads to the spec its committed baseline ran', () => {
  const spec = loadSuite(path.join(ROOT, 'suites/ci-gate.json')).spec;
  expect(spec).not.toHaveProperty('$schema');
  expect(spec).toEqual(readResults(path.join(ROOT, 'results/baselines/ci-gate.json')).suite.spec);
});

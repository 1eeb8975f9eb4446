/**
 * Parameter types cannot drift from their schemas: every plugin's parameter type (the type argument of
 * its default export's plugin type, `OptimizerPlugin<AdamParams>`) has exactly the properties of its
 * hyper-parameter schema, each of the same kind and always there (every parameter has a default); and
 * `SuiteFile` is core/schemas/suite.schema.json after its defaults are filled in, nested objects
 * included. The types are read with the TypeScript compiler API, the schemas are the ones the harness
 * validates with; a planted drift shows what a difference reads like.
 */
import * as path from 'node:path';
import * as ts from 'typescript';
import type { ParamsSchema, Plugin } from '../core/plugin/contracts';
import { pluginDir, Registry } from '../core/plugin/registry';
import suiteSchema from '../core/schemas/suite.schema.json';
import drifted from './fixtures/drifted-plugin';
import { differences, schemaShape, typeShape } from './schema-types';

const ROOT = path.join(__dirname, '..');
const plugins = Registry.builtIn().list();
const fileOf = (p: Plugin) => path.join(pluginDir(p.kind), `${p.name}.ts`);
const TYPES = path.join(ROOT, 'core', 'suite', 'types.ts');
const DRIFTED = path.join(__dirname, 'fixtures', 'drifted-plugin.ts');

const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f));
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
const program = ts.createProgram([...plugins.map(fileOf), TYPES, DRIFTED], options);
const checker = program.getTypeChecker();

/** The exports of a module of the program, by name. */
function exportOf(file: string, name: string): ts.Symbol {
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const sym = checker.getExportsOfModule(module).find((e) => e.name === name)!;
  return sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
}

/** Where a plugin module's parameter type differs from `schema`, under the type's name. */
function paramDrift(file: string, schema: ParamsSchema): string[] {
  const marker = checker.getTypeOfSymbol(exportOf(file, 'default')).getProperty('__params')!;
  const type = checker.getNonNullableType(checker.getTypeOfSymbol(marker));
  return differences(schemaShape({ type: 'object', properties: schema.properties, required: schema.required }), typeShape(checker, type), checker.typeToString(type));
}

describe.each(plugins.map((p) => [`${p.kind} ${p.name}`, p] as const))('%s', (_label, plugin) => {
  it('has a parameter type with its schema’s properties, kinds and defaults', () => {
    expect(paramDrift(fileOf(plugin), plugin.params)).toEqual([]);
  });
});

test('SuiteFile is the suite schema with its defaults filled in', () => {
  const type = checker.getDeclaredTypeOfSymbol(exportOf(TYPES, 'SuiteFile'));
  expect(differences(schemaShape(suiteSchema), typeShape(checker, type), 'SuiteFile')).toEqual([]);
});

test('a drifted type is caught, each difference by name', () => {
  expect(paramDrift(DRIFTED, drifted.params)).toEqual([
    'DriftedParams.beta: in the schema, not in the type',
    'DriftedParams.legacy: in the type, not in the schema',
    'DriftedParams.mode: "a" | "b" | "c" by the schema, "a" | "b" by the type',
    'DriftedParams.scale: always there by the schema (required or a default), optional in the type',
  ]);
});

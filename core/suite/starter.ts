/**
 * The starter suite of `bench init`: a small valid suite (SGD against Adam on LeNet-5 and the embedded
 * MNIST subset) that names its schema in `"$schema"`, by a path relative to the file, so that an editor
 * completes it and shows each field's description from the schema (JSON has no comments; suites are
 * plain JSON). Knows the suite schema and the file it writes; nothing of running.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../util/errors';
import { checkOutputFile } from '../util/output-path';
import { CODE_ROOT } from '../util/paths';
import { loadSuite } from './load';
import type { SuiteFile } from './types';
import suiteSchema from '../schemas/suite.schema.json';

/** The suite schema file that `$schema` points to, in this installation. */
export const SUITE_SCHEMA_FILE = path.join(CODE_ROOT, 'core', 'schemas', 'suite.schema.json');

const NAME = new RegExp(suiteSchema.properties.name.pattern);

/** The starter suite named `name`, its `$schema` being `schemaRef`. */
export function starterSuite(name: string, schemaRef: string): SuiteFile {
  return {
    $schema: schemaRef,
    name,
    description:
      'A starter suite: plain SGD against Adam on LeNet-5 and the embedded MNIST subset, 2 epochs, 3 seeds. ' +
      'An editor shows what each field means from the schema in $schema; `bench list` names the optimizers, regularizers, ' +
      'initializers, activations, models and datasets with their hyper-parameters. Check it with `bench validate`, run it with `bench run`.',
    models: ['lenet5'],
    datasets: ['mnist'],
    optimizers: [
      { name: 'sgd', params: { lr: 0.05 } },
      { name: 'adam', params: { lr: 0.002 } },
    ],
    regularizers: [[]],
    initializers: ['glorot-uniform'],
    activations: ['relu'],
    seeds: [1, 2, 3],
    epochs: 2,
    batchSize: 64,
    validationFraction: 0.1,
    evalBatchSize: 1000,
    preprocessing: { normalize: 'scale' },
  };
}

/** What writeStarterSuite wrote. */
export interface StarterWritten {
  file: string;
  spec: SuiteFile;
  configurations: number;
  trials: number;
}

/**
 * Writes the starter suite to `file` (refused when it exists, unless `force`), named `name` or after the
 * file, and checks it as `bench validate` would. An InputError for a name that is not a suite name.
 */
export function writeStarterSuite(file: string, opts: { name?: string; force?: boolean } = {}): StarterWritten {
  const name = opts.name ?? path.basename(file).replace(/\.json$/i, '');
  if (!NAME.test(name)) {
    const why = `"${name}" is not a suite name (letters, digits, ".", "_" and "-", starting with a letter or digit)`;
    throw new InputError(opts.name === undefined ? `${file}: ${why}; pass --name NAME` : `--name: ${why}`);
  }
  checkOutputFile(file, 'bench init');
  if (fs.existsSync(file) && !opts.force) throw new InputError(`${file} exists; pass --force to overwrite it`);
  const ref = path.relative(path.dirname(path.resolve(file)), SUITE_SCHEMA_FILE).split(path.sep).join('/');
  const spec = starterSuite(name, ref);
  fs.writeFileSync(file, `${JSON.stringify(spec, null, 2)}\n`);
  const suite = loadSuite(file);
  return { file, spec, configurations: new Set(suite.trials.map((t) => t.configId)).size, trials: suite.trials.length };
}

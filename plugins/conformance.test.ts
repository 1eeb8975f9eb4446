/**
 * Conformance: every discovered plugin passes the checks of core/train/conformance/ (the same ones
 * `bench plugin check` runs on a plugin from outside): a valid schema with a default and a description
 * for every parameter, a doc comment, no leaked tensors, deterministic steps, an honest `elementwise`,
 * descent on a quadratic, and each kind's shapes and values; the optimizers also match the torch.optim
 * golden trajectories. Here too: the catalogue is complete and each plugin sits in a file of its name.
 * Rule-specific checks live beside each kind (optimizers/*.test.ts, ...).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plugin } from '../core/plugin/contracts';
import { useBackend } from '../core/backends';
import { pluginDir, Registry } from '../core/plugin/registry';
import { checkPlugin, readReferenceFile } from '../core/train/conformance';

const registry = Registry.builtIn();
const all = registry.list();
const names = (k: Plugin['kind']) => all.filter((p) => p.kind === k).map((p) => p.name).sort();
const golden = readReferenceFile(path.join(__dirname, 'optimizers', 'torch-trajectories.json'));

beforeAll(async () => {
  await useBackend('cpu');
});

it('every plugin module loads', () => {
  expect(registry.broken).toEqual([]);
});

it('the catalogue has every plugin the issue names', () => {
  expect(names('optimizer')).toEqual(['adadelta', 'adagrad', 'adam', 'adamax', 'adamw', 'lion', 'momentum', 'nadam', 'nag', 'rmsprop', 'sgd']);
  expect(names('regularizer')).toEqual(['batch-norm', 'dropout', 'l1', 'l2']);
  expect(names('initializer')).toEqual(['constant', 'glorot-normal', 'glorot-uniform', 'he-normal', 'he-uniform', 'lecun-normal', 'random-normal', 'random-uniform', 'zeros']);
  expect(names('activation')).toEqual(['elu', 'gelu', 'leaky-relu', 'relu', 'sigmoid', 'silu', 'softplus', 'tanh']);
});

describe.each(all.map((p) => [`${p.kind} ${p.name}`, p] as const))('%s', (_label, plugin) => {
  it('lives in a file of its own name', () => {
    expect(registry.sourceOf(plugin)).toBe(path.join(pluginDir(plugin.kind), `${plugin.name}.ts`));
    expect(fs.existsSync(registry.sourceOf(plugin)!)).toBe(true);
  });

  it('passes every conformance check (and, an optimizer, its torch.optim golden trajectories)', () => {
    const results = checkPlugin(plugin, { source: registry.sourceOf(plugin), reference: golden });
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
    // Only a check that does not apply is skipped: none of the shipped plugins lacks one.
    expect(results.filter((r) => r.status === 'skipped')).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(3);
  });
});

/**
 * benchmarkPlugins, `bench micro` as one call: plugin modules named by the caller are loaded beside
 * the built-in ones (one that cannot load is bad input before any backend), the document comes back
 * checked and is written where asked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempWriter } from '../../test/helpers';
import { InputError } from '../util/errors';
import { benchmarkPlugins } from './micro-run';

const { dir, write } = tempWriter('bench-micro-run-');
const SGD = path.join(__dirname, '..', '..', 'plugins', 'optimizers', 'sgd.ts');
// Tiny shapes and exact step counts (time 0), as core/perf/micro.test.ts: fast on any machine.
const FAST = {
  workload: { optimizerWeights: [[3, 3, 1, 2], [2]], activationShape: [2, 4, 4, 2] },
  time: 0,
  iterations: 2,
  warmupTime: 0,
  warmupIterations: 1,
  calibration: { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 0 },
};
const copy = write('sgd-copy.js', `module.exports = { ...require(${JSON.stringify(SGD)}).default, name: 'sgd-copy' };\n`);

describe('benchmarkPlugins', () => {
  it('a plugin module that does not load is an InputError naming it, before any backend', async () => {
    const log: string[] = [];
    const missing = path.join(dir, 'no-such-plugin.js');
    const err = await benchmarkPlugins({ backend: 'cpu', plugins: [missing], log: (l) => log.push(l) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(`--plugin ${missing}: no module at ${missing}`);
    expect(log).toEqual([]);
  });

  it('benchmarks a plugin from a module, logs the backend, writes the document it returns', async () => {
    const out = path.join(dir, 'micro.json');
    const log: string[] = [];
    const doc = await benchmarkPlugins({ ...FAST, backend: 'cpu', plugins: [copy], select: { optimizer: ['sgd-copy'] }, out, log: (l) => log.push(l) });
    expect(log).toEqual(['backend: cpu (@tensorflow/tfjs-backend-cpu)']);
    expect(doc.benchmarks.map((b) => [b.name, b.state, b.state === 'completed' && b.samples])).toEqual([['optimizer/sgd-copy', 'completed', 2]]);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(doc);
  });
});

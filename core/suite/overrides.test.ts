/**
 * `--set` overrides: value parsing, suite keys and nested paths, optimizer hyper-parameter sweeps expanded in
 * place, errors that name the --set.
 */
import { InputError } from '../util/errors';
import { applyOverrides, parseOverride, parseValue } from './overrides';
import { resolveSuite } from './load';

const base = {
  name: 'o',
  models: ['lenet5'],
  datasets: ['mnist'],
  optimizers: ['sgd', { name: 'adam', params: { lr: 0.002 } }],
  seeds: [1],
  epochs: 1,
};
const apply = (...sets: string[]) => applyOverrides(base, sets.map(parseOverride)) as Record<string, unknown>;

test('values parse as numbers, booleans, JSON or text', () => {
  expect(['0.001', '1e-4', '3', 'true', 'full', '[1,2]', '"x"'].map(parseValue)).toEqual([0.001, 1e-4, 3, true, 'full', [1, 2], 'x']);
  expect(parseOverride('seeds=1,2,[3,4]').values).toEqual([1, 2, [3, 4]]);
});

test('suite keys are set; list keys take the list; nested paths create objects', () => {
  const s = apply('epochs=3', 'seeds=4,5', 'preprocessing.trainSubset=3000', 'batchSize=full');
  expect(s.epochs).toBe(3);
  expect(s.seeds).toEqual([4, 5]);
  expect(s.preprocessing).toEqual({ trainSubset: 3000 });
  expect(s.batchSize).toBe('full');
  expect(base.epochs).toBe(1); // the input is not changed
});

test('an optimizer param list expands into one entry per value, in place', () => {
  const s = apply('optimizer.adam.lr=0.001,0.01', 'optimizer.sgd.momentum=0.9');
  expect(s.optimizers).toEqual([
    { name: 'sgd', params: { momentum: 0.9 } },
    { name: 'adam', params: { lr: 0.001 } },
    { name: 'adam', params: { lr: 0.01 } },
  ]);
  const suite = resolveSuite(s, 'o.json');
  expect(suite.trials.map((t) => t.label)).toEqual(['sgd(momentum=0.9)', 'adam(lr=0.001)', 'adam(lr=0.01)']);
  expect(suite.trials.map((t) => t.config.optimizer.params.lr)).toEqual([0.001, 0.001, 0.01]) // sgd's default lr is 0.001;
  // "*" names every optimizer; timeoutSeconds is an entry key, not a param.
  expect((apply('optimizer.*.timeoutSeconds=5').optimizers as Array<Record<string, unknown>>).map((o) => o.timeoutSeconds)).toEqual([5, 5]);
});

test('errors name the --set and what was expected', () => {
  const msg = (s: string) => {
    try {
      apply(s);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    return 'no error';
  };
  expect(msg('epochs')).toBe('--set epochs: expected PATH=VALUE[,VALUE...], e.g. epochs=3 or optimizer.adam.lr=0.001,0.01');
  expect(msg('epochs=1,2')).toContain('--set epochs=1,2: "epochs" takes one value');
  expect(msg('optimizer.rmsprop.lr=1')).toBe('--set optimizer.rmsprop.lr=1: no optimizer "rmsprop" in the suite (it has: sgd, adam; "*" names them all)');
  expect(msg('optimizer.adam=1')).toContain('expected optimizer.NAME.KEY=VALUE');
  expect(msg('epochs=')).toContain('expected a value');
  expect(msg('name.x=1')).toContain('"name" is not an object');
});

test('bench run --set: a bad --set exits 2 without a stack trace', async () => {
  const { main } = await import('../cli/main');
  const { memoryIO } = await import('../cli/io');
  const io = memoryIO();
  expect(await main(['run', 'suites/quick.json', '--set', 'optimizer.nope.lr=1'], io)).toBe(2);
  expect(io.stderr.join('\n')).toContain('--set optimizer.nope.lr=1: no optimizer "nope" in the suite');
  const bad = memoryIO();
  expect(await main(['run', 'suites/quick.json', '--set', 'epochs=zero'], bad)).toBe(2);
  expect(bad.stderr.join('\n')).toContain('$.epochs');
});

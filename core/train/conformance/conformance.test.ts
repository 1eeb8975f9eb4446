/**
 * The conformance library catches what each of its checks is for: plugins broken in one way each fail
 * that check, with what was wrong, and pass the others. (plugins/conformance.test.ts runs it on every
 * shipped plugin.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActivationPlugin, InitializerPlugin, OptimizerPlugin, Plugin } from '../../plugin/contracts';
import { useBackend } from '../../backends';
import { chain, identity, optimizer, scaleByLr, type Transform } from '../../plugin/optim/transforms';
import * as tf from '../../tf';
import { checkPlugin, readReferenceFile, type CheckResult } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-conformance-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const LR = { lr: { type: 'number', exclusiveMinimum: 0, default: 0.1, description: 'learning rate' } };
/** A plain-gradient optimizer with one extra transform before the lr step. */
const withTransform = (name: string, tr: Transform, extra: Partial<OptimizerPlugin> = {}): OptimizerPlugin => ({
  ...optimizer<{ lr: number }>({ name, summary: name, params: { type: 'object', properties: LR }, transform: () => chain(tr, scaleByLr) }),
  ...extra,
});
/** status or `failed: detail` of each check, by check name. */
const outcomes = (rs: CheckResult[]) => Object.fromEntries(rs.map((r) => [r.check, r.status === 'failed' ? `failed: ${r.detail}` : r.status]));

describe('optimizers', () => {
  it('a sound one passes every check', () => {
    expect(outcomes(checkPlugin(withTransform('plain', identity)))).toEqual({
      'schema: defaults and descriptions': 'passed',
      'doc comment': 'skipped',
      'no tensor leak over 100 steps': 'passed',
      deterministic: 'passed',
      'elementwise honest (flat == per tensor)': 'passed',
      'descent on the quadratic': 'passed',
    });
  });

  it('one that keeps a tensor each step fails the leak check', () => {
    const leaky: Transform = { init: () => ({}), update: (u) => ({ u: u.add(tf.keep(tf.zeros([1]))), slots: {} }) };
    expect(outcomes(checkPlugin(withTransform('leaky', leaky)))['no tensor leak over 100 steps']).toBe('failed: 99 more tensors after step 100 than after step 1');
  });

  it('one that draws Math.random fails determinism', () => {
    const noisy: Transform = { init: () => ({}), update: (u) => ({ u: u.mul(1 + Math.random() * 1e-3), slots: {} }) };
    expect(outcomes(checkPlugin(withTransform('noisy', noisy))).deterministic).toMatch(/^failed: two runs from one start differ by up to \d\.\d\de-\d+ after 100 steps$/);
  });

  it('one whose rule uses a per-tensor norm but says elementwise fails elementwise honesty, and passes it when it says not', () => {
    const normalised: Transform = { init: () => ({}), update: (u) => ({ u: u.div(u.norm()), slots: {} }) };
    const r = outcomes(checkPlugin(withTransform('normalised', normalised)));
    expect(r['elementwise honest (flat == per tensor)']).toMatch(/^failed: the flat update differs from the per-tensor one by up to [\d.e-]+: its rule is not elementwise, set elementwise: false$/);
    expect(r['descent on the quadratic']).toBe('passed');
    const honest = checkPlugin(withTransform('normalised', normalised, { elementwise: false })).find((c) => c.check.startsWith('elementwise'));
    expect(honest).toMatchObject({ status: 'skipped', detail: 'not elementwise: the harness updates each tensor on its own' });
  });

  it('one that climbs fails descent, with the values', () => {
    const ascent: Transform = { init: () => ({}), update: (u) => ({ u: u.neg(), slots: {} }) };
    expect(outcomes(checkPlugin(withTransform('ascent', ascent)))['descent on the quadratic']).toMatch(/^failed: 0\.5 \* sum\(c \* w\^2\) from 8\.740 to [\d.e+]+ in 100 steps$/);
  });

  it('a schema without defaults, descriptions or lr fails the schema check, naming each', () => {
    const o = withTransform('bare', identity, { params: { type: 'object', properties: { rate: { type: 'number' }, beta: { type: 'number', default: 2, maximum: 1, description: 'b' } } } });
    expect(outcomes(checkPlugin(o))['schema: defaults and descriptions']).toBe(
      'failed: rate has no default; rate has no description; the defaults do not validate: $.beta: must be <= 1; no `lr` parameter of type number (the harness scales it by the schedule)',
    );
  });

  it('reads the doc comment from the module file, after a use strict directive', () => {
    const good = path.join(tmp, 'good.js');
    fs.writeFileSync(good, '"use strict";\n/**\n * Plain descent.\n */\nmodule.exports = {};\n');
    const bad = path.join(tmp, 'bad.ts');
    fs.writeFileSync(bad, '// a line comment\nexport default {};\n');
    const doc = (source: string) => checkPlugin(withTransform('plain', identity), { source }).find((c) => c.check === 'doc comment');
    expect(doc(good)).toMatchObject({ status: 'passed', detail: '3 lines' });
    expect(doc(bad)).toMatchObject({ status: 'failed', detail: `${bad} does not open with a /** doc comment */` });
  });
});

describe('reference trajectories', () => {
  const golden = path.join(__dirname, '../../../plugins/optimizers/torch-trajectories.json');

  it('compares an optimizer with every case of its name, within the tolerance', () => {
    const sgd: OptimizerPlugin = withTransform('sgd', identity);
    sgd.params.properties.weightDecay = { type: 'number', default: 0, description: 'unused here' };
    const ref = readReferenceFile(golden);
    const rs = checkPlugin(sgd, { reference: ref }).filter((r) => r.check.startsWith('reference'));
    // The golden sgd cases use weight decay and momentum, which this plain rule lacks: each fails, with its error.
    expect(rs.map((r) => r.check)).toEqual([
      'reference trajectory: quadratic {"lr":0.05,"weightDecay":0.1}, 60 steps',
      'reference trajectory: rosenbrock {"lr":0.0005,"momentum":0.8,"dampening":0.2}, 60 steps',
      'reference trajectory: rosenbrock {"lr":0.0005,"momentum":0.7,"nesterov":true,"weightDecay":0.01}, 60 steps',
    ]);
    expect(rs[0]).toMatchObject({ status: 'failed', detail: expect.stringMatching(/^largest relative error \d\.\d\de-\d+ \(tolerance 0\.00001\)$/) });
  });

  it('reads a single trajectory as `bench trajectory --json` writes it, and says when the file has no case of the plugin', () => {
    const one = path.join(tmp, 'one.json');
    const w = (x: number, y: number): [number, number] => [x, y];
    // plain descent with lr 0.1 on 0.5 (x^2 + 10 y^2): x *= 0.9, y *= 0 after one step.
    fs.writeFileSync(one, JSON.stringify({ optimizer: 'plain', params: { lr: 0.1 }, function: 'quadratic', points: [w(1, 1), w(0.9, 0), w(0.81, 0)] }));
    const rs = (name: string) => checkPlugin(withTransform(name, identity), { reference: readReferenceFile(one) }).filter((r) => r.check.startsWith('reference'));
    expect(rs('plain')).toEqual([{ plugin: 'plain', kind: 'optimizer', check: 'reference trajectory: quadratic {"lr":0.1}, 2 steps', status: 'passed', detail: expect.stringMatching(/^largest relative error \d\.\d\de[-+]\d+ \(tolerance 0\.00001\)$/) }]);
    expect(rs('other')).toEqual([{ plugin: 'other', kind: 'optimizer', check: 'reference trajectory', status: 'skipped', detail: `${one} has no trajectory of "other"` }]);
    fs.writeFileSync(one, JSON.stringify({ optimizer: 'plain', function: 'saddle', points: [] }));
    expect(() => readReferenceFile(one)).toThrow(`${one}: $: "function" must be one of quadratic, rosenbrock, beale, rastrigin`);
  });
});

describe('other kinds', () => {
  const base = { summary: 's', params: { type: 'object' as const, properties: {} } };
  it('an initializer that ignores its seed fails determinism; an activation that changes the shape fails its check', () => {
    const init: InitializerPlugin = { ...base, name: 'noise', kind: 'initializer', init: (ctx) => tf.randomUniform(ctx.shape) };
    expect(outcomes(checkPlugin(init))).toEqual({
      'schema: defaults and descriptions': 'passed',
      'doc comment': 'skipped',
      'fills the shape with finite float32, no leak': 'passed',
      'deterministic from the seed': expect.stringMatching(/^failed: two draws with seed 123 differ by up to 0\.\d+$/),
    });
    const act: ActivationPlugin = { ...base, name: 'flat', kind: 'activation', apply: (x) => x.reshape([-1]) };
    expect(outcomes(checkPlugin(act))['keeps the shape, finite values and gradients, no leak']).toBe('failed: returned shape [16] for [2,2,2,2]');
  });

  it('a check that throws fails with the error', () => {
    const p = { ...base, name: 'boom', kind: 'activation', apply: () => { throw new Error('kaboom'); } } as Plugin;
    expect(outcomes(checkPlugin(p))['keeps the shape, finite values and gradients, no leak']).toBe('failed: threw: kaboom');
  });
});

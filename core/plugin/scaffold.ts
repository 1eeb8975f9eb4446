/**
 * `bench plugin new optimizer NAME`: the files of a plugin package that lives in its own repository. Its
 * source is TypeScript importing this package's plugin kit (`<name>/plugin`), its test uses node:test
 * (run through jiti, no build step), and this package is its peer dependency (the bench that loads it
 * provides the one tfjs) and a dev dependency (to test it alone). The optimizer it starts from is Signum,
 * a rule short enough to replace, that passes `bench plugin check`. Writes files; runs nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../util/errors';
import { PACKAGE_NAME, PACKAGE_VERSION } from './loader';

/** The kinds `bench plugin new` scaffolds. */
export const SCAFFOLD_KINDS = ['optimizer'] as const;

/** What was written: the folder and its files, relative to it. */
export interface Scaffold {
  dir: string;
  files: string[];
}

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string) => camel(name).replace(/^./, (c) => c.toUpperCase());

function optimizerSource(name: string): string {
  const P = `${pascal(name)}Params`;
  return `/**
 * ${name}: an optimizer plugin for ${PACKAGE_NAME} (scaffolded by \`bench plugin new optimizer ${name}\`).
 *
 * The rule below is Signum (Bernstein et al., 2018, "signSGD: Compressed Optimisation for Non-Convex
 * Problems"), a starting point to replace with your own:
 *
 *   g_t = grad + weightDecay * w_{t-1}
 *   m_t = beta * m_{t-1} + (1 - beta) * g_t
 *   w_t = w_{t-1} - lr * sign(m_t)
 *
 * Say here which paper the rule follows and how it differs from torch.optim and tf.train: \`bench plugin
 * check\` requires this comment.
 */
import { addWeightDecay, chain, ema, hyper, optimizer, scaleByLr, tf, type Transform } from '${PACKAGE_NAME}/plugin';

/** Hyper-parameters of \`${name}\`: every property of the schema below, none optional (each has a default). */
export interface ${P} extends Record<string, unknown> {
  lr: number;
  beta: number;
  weightDecay: number;
}

/** u' = sign(m_t), m_t the moving average of the incoming updates (slot \`m\`). Elementwise. */
export function scaleBySignedMomentum(beta: number): Transform {
  return {
    init: (w) => ({ m: tf.zerosLike(w) }),
    update(u, slots) {
      const m = ema(slots.m!, u, beta);
      return { u: m.sign(), slots: { m } };
    },
  };
}

export default optimizer<${P}>({
  name: '${name}',
  summary: 'Signum: steps of lr along the sign of the momentum',
  params: {
    type: 'object',
    properties: {
      lr: hyper.lr(0.001),
      beta: hyper.fraction(0.9, 'decay of the momentum', true),
      weightDecay: hyper.weightDecay(),
    },
  },
  transform: (p) => chain(addWeightDecay(p.weightDecay), scaleBySignedMomentum(p.beta), scaleByLr),
});
`;
}

function optimizerTest(name: string): string {
  const P = `${pascal(name)}Params`;
  return `/** ${name}'s rule worked by hand: two steps from w = [1, -2]. \`npm test\` runs it, then \`bench plugin check\`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultParams, tf } from '${PACKAGE_NAME}/plugin';
import plugin, { type ${P} } from '../src/${name}';

const near = (actual: ArrayLike<number>, expected: number[]) =>
  assert.ok(expected.every((e, i) => Math.abs(actual[i]! - e) < 1e-6), \`got [\${Array.from(actual)}], expected [\${expected}]\`);

test('two steps of ${name} follow the rule', () => {
  const p: ${P} = { ...(defaultParams(plugin.params) as ${P}), lr: 0.1 };
  tf.tidy(() => {
    const w0 = tf.tensor1d([1, -2]);
    const s1 = plugin.update(tf.tensor1d([0.5, 3]), w0, plugin.init(w0, p), 1, 0.1, p);
    near(s1.slots.m!.dataSync(), [0.05, 0.3]); // m = 0.1 * g
    near(s1.weight.dataSync(), [0.9, -2.1]); // w - 0.1 * sign(m)
    const s2 = plugin.update(tf.tensor1d([-1, -1]), s1.weight, s1.slots, 2, 0.1, p);
    near(s2.slots.m!.dataSync(), [-0.055, 0.17]); // 0.9 m + 0.1 g
    near(s2.weight.dataSync(), [1, -2.2]);
  });
});
`;
}

function manifest(name: string): string {
  const range = `^${PACKAGE_VERSION}`;
  const pkg = {
    name: `bench-plugin-${name}`,
    version: '0.1.0',
    description: `${name}: an optimizer plugin for ${PACKAGE_NAME}`,
    main: `src/${name}.ts`,
    files: ['src/'],
    keywords: [`${PACKAGE_NAME}-plugin`, 'optimizer'],
    scripts: {
      test: `node --import jiti/register --test test/${name}.test.ts && bench plugin check .`,
      typecheck: 'tsc --noEmit',
    },
    peerDependencies: { [PACKAGE_NAME]: range },
    devDependencies: { [PACKAGE_NAME]: range, jiti: '^2.7.0', typescript: '~5.9.3', '@types/node': '^20.0.0' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: { target: 'ES2022', module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] },
    include: ['src', 'test'],
  },
  null,
  2,
)}\n`;

function readme(name: string): string {
  return `# bench-plugin-${name}

The optimizer \`${name}\` for [${PACKAGE_NAME}](https://www.npmjs.com/package/${PACKAGE_NAME}), in TypeScript: bench
loads \`src/${name}.ts\` as it is (no build step) and gives it its own tfjs.

\`\`\`sh
npm install                       # ${PACKAGE_NAME} (dev and peer dependency), jiti, typescript
npm test                          # the rule by hand (node:test, Node >= 20.6), then bench plugin check .
npm run typecheck
\`\`\`

\`bench plugin check .\` runs the checks every shipped plugin passes (schema with defaults and descriptions,
doc comment, no tensor leak, deterministic, elementwise honest, descent on a quadratic); add
\`--reference FILE\` to compare with trajectories from ${PACKAGE_NAME}'s tools/torch_trajectory.py.

In a suite, name this folder (relative to the suite file) or, once published, the package:

\`\`\`json
{ "plugins": ["./bench-plugin-${name}"], "optimizers": [{ "name": "${name}", "params": { "lr": 0.001 } }] }
\`\`\`
`;
}

/** The files of a new plugin package of `kind` called `name`, by path relative to its folder. */
export function scaffoldFiles(kind: string, name: string): Record<string, string> {
  if (!(SCAFFOLD_KINDS as readonly string[]).includes(kind)) throw new InputError(`bench plugin new: cannot scaffold a ${kind} plugin yet; kinds: ${SCAFFOLD_KINDS.join(', ')}`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new InputError(`bench plugin new: the name "${name}" is not kebab-case (e.g. my-optimizer), as suites write plugin names`);
  return {
    'package.json': manifest(name),
    [`src/${name}.ts`]: optimizerSource(name),
    [`test/${name}.test.ts`]: optimizerTest(name),
    'tsconfig.json': TSCONFIG,
    'README.md': readme(name),
    '.gitignore': 'node_modules/\n',
  };
}

/** Writes a new plugin package into `dir` (default ./bench-plugin-NAME), which must be absent or empty. */
export function writeScaffold(kind: string, name: string, dir = `bench-plugin-${name}`): Scaffold {
  const files = scaffoldFiles(kind, name);
  const abs = path.resolve(dir);
  if (fs.existsSync(abs) && (!fs.statSync(abs).isDirectory() || fs.readdirSync(abs).length > 0)) {
    throw new InputError(`${dir} exists and is not an empty folder; choose another with --dir`);
  }
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(abs, rel)), { recursive: true });
    fs.writeFileSync(path.join(abs, rel), text);
  }
  return { dir: abs, files: Object.keys(files) };
}

/**
 * The layering of core/, checked in `npm test` by test/layers.test.ts: each folder of core/ imports only
 * from the folders before it in LAYERS (a suite is loaded and expanded, trials train, records are analysed,
 * results are written, runs dispatch trials, and search, perf, report, compare and the CLI sit on top);
 * core/tf.ts (the one tfjs) may be imported from anywhere, core/index.ts (the public API) from nowhere in
 * core/; plugins/ import only the plugin kit; nothing in core/ or plugins/ forms an import cycle.
 */
const LAYERS = ['util', 'plugin', 'backends', 'env', 'data', 'models', 'suite', 'train', 'analysis', 'results', 'run', 'search', 'perf', 'report', 'compare', 'cli'];

/** Tests may drive a module through later layers (the CLI in-process); the layering is of the sources. */
const TESTS = '\\.test\\.ts$';
const laterThan = (i) => LAYERS.slice(i + 1);

module.exports = {

  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import cycle', from: { path: '^(core|plugins)/' }, to: { circular: true } },
    ...LAYERS.slice(0, -1).map((layer, i) => ({
      name: `${layer}-imports-a-later-layer`,
      comment: `core/${layer}/ may import only from ${LAYERS.slice(0, i).join(', ') || 'no other folder of core/'} (and core/tf.ts)`,
      severity: 'error',
      from: { path: `^core/${layer}/`, pathNot: TESTS },
      to: { path: `^core/(${laterThan(i).join('|')})/` },
    })),
    {
      name: 'no-loose-core-modules',
      severity: 'error',
      comment: 'core/ modules live in the pipeline folders; only index.ts and tf.ts stand at its root',
      from: { path: '^core/[^/]+\\.ts$', pathNot: '^core/(index|tf)\\.ts$' },
      to: {},
    },
    { name: 'nothing-in-core-imports-the-api', severity: 'error', comment: 'core/index.ts is for programs and plugins outside core/', from: { path: '^core/' }, to: { path: '^core/index\\.ts$' } },
    {
      name: 'plugins-import-the-kit-only',
      severity: 'error',
      comment: 'plugins import core/ only through util, plugin, backends, train and tf',
      from: { path: '^plugins/', pathNot: TESTS },
      to: { path: '^core/', pathNot: '^core/(util|plugin|backends|train)/|^core/tf\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};

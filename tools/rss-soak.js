#!/usr/bin/env node
'use strict';
/**
 * Memory soak benchmark (not a test): trains LeNet-5 for N epochs (default 20) on the first 2,000
 * images of the embedded MNIST subset and prints, after every epoch, the process RSS and
 * tf.memory().numTensors. Both must stay flat: a leak shows as a steady climb.
 *
 *   node --expose-gc tools/rss-soak.js [--backend auto|tensorflow|wasm] [--epochs 20]   (after npm install)
 *
 * With --expose-gc it collects garbage before each reading, so that V8's lazy collection does not read
 * as growth (without it RSS creeps about 0.6 MB per epoch and falls back when V8 collects).
 */
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const { useBackend } = require('../dist/core/backends');
const { loadEmbeddedMnist } = require('../dist/core/data/mnist');
const { withTrainSubset } = require('../dist/core/data/preprocess');
const { toTensors } = require('../dist/core/data/tensors');
const { getModel } = require('../dist/core/models');
const { resolveSuite } = require('../dist/core/suite/load');
const { runTrial } = require('../dist/core/train/trial');
const tf = require('../dist/core/tf');

(async () => {
  const epochs = Number(arg('epochs', 20));
  const backend = await useBackend(arg('backend', 'auto'));
  const suite = resolveSuite(
    { name: 'soak', models: ['lenet5'], datasets: ['mnist'], optimizers: [{ name: 'adam', params: { lr: 0.002 } }], seeds: [1], epochs, batchSize: 64 },
    'soak.json',
  );
  const dataset = withTrainSubset(loadEmbeddedMnist(), { normalize: 'scale', trainSubset: 2000 });
  const tensors = toTensors(dataset, getModel('lenet5').inputShape, 'lenet5');
  const rows = [];
  const record = await runTrial(suite.trials[0], { dataset, tensors }, suite.registry, {
    onEpoch: (_t, e) => {
      if (global.gc) global.gc();
      const r = { epoch: e.epoch, heapMB: +(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1), rssMB: +(process.memoryUsage().rss / 2 ** 20).toFixed(1), numTensors: tf.memory().numTensors, valAccuracy: e.valAccuracy };
      rows.push(r);
      console.log(JSON.stringify(r));
    },
  });
  const rss = rows.map((r) => r.rssMB);
  const later = rss.slice(Math.floor(rss.length / 4));
  console.log(
    JSON.stringify({
      backend: backend.name,
      epochs,
      status: record.status,
      testAccuracy: record.final && record.final.testAccuracy,
      numTensors: [...new Set(rows.map((r) => r.numTensors))],
      rssMB: { first: rss[0], min: Math.min(...later), max: Math.max(...later), last: rss[rss.length - 1] },
    }),
  );
  tensors.dispose();
})();

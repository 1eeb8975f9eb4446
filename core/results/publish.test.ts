/**
 * `bench publish`: the shareable copy drops the hostname and local folders, makes paths relative, keeps
 * what checks and reruns the run, validates; the methods paragraph says protocol, seeds, tests, hardware.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, inputErrorOf, tempWriter } from '../../test/helpers';
import { readResults, resultsProblems, type ResultsDocument } from './document';
import { methodsParagraph } from './methods';
import { publishResults, shareableCopy } from './publish';
import type { RunDocument } from './run-info';

const BASELINE = path.join(__dirname, '../../test/fixtures/results-lenet5-wasm.json');
const { dir, write } = tempWriter('bench-publish-');
const at = { cwd: '/home/ada/lab', home: '/home/ada' };

/** The committed baseline as a lab's machine would have written it: absolute paths, a hostname, a failed trial. */
function labRun(): RunDocument {
  const doc = JSON.parse(fs.readFileSync(BASELINE, 'utf8')) as RunDocument;
  doc.environment.hostname = 'ada-ws3';
  doc.environment.backend.libraries = '/home/ada/.cache/bench/native/tf-2.21.0-node-abi115/lib';
  doc.environment.backend.notes = [
    'tfjs-node-gpu: no NVIDIA GPU found (no driver in /proc/driver/nvidia, no nvidia-smi) on ada-ws3',
    'tensorflow: cannot load /home/ada/lab/node_modules/.bench-native/tfjs-node/lib/binding.node',
  ];
  doc.suite.file = '/home/ada/lab/suites/ci-gate.json';
  doc.datasets[0]!.source = '/home/ada/.cache/bench/data/mnist-subset';
  const { final: _final, ...failed } = doc.trials[3] as Extract<RunDocument['trials'][number], { status: 'ok' }>;
  doc.trials[3] = { ...failed, status: 'failed', error: "ENOENT: no such file or directory, open '/home/ada/scratch/w.bin' (ada-ws3)" };
  return doc;
}

describe('shareableCopy', () => {
  const lab = labRun();
  const { doc, leftovers } = shareableCopy(lab, at);

  it('drops the hostname, the native library folder and the data folder', () => {
    expect(doc.environment).not.toHaveProperty('hostname');
    expect(doc.environment.backend).not.toHaveProperty('libraries');
    expect(doc.datasets[0]).not.toHaveProperty('source');
    expect(JSON.stringify(doc)).not.toContain('ada-ws3');
    expect(JSON.stringify(doc)).not.toContain('/home/ada');
    expect(leftovers).toEqual(['$.environment.backend.notes[0]: tfjs-node-gpu: no NVIDIA GPU found (no driver in /proc/driver/nvidia, no nvidia-smi) on <host>']);
  });

  it('makes paths relative: to the folder bench ran from, else to ~', () => {
    expect(doc.suite.file).toBe('suites/ci-gate.json');
    expect(doc.environment.backend.notes[1]).toBe('tensorflow: cannot load node_modules/.bench-native/tfjs-node/lib/binding.node');
    expect(doc.trials[3]).toMatchObject({ status: 'failed', error: "ENOENT: no such file or directory, open '~/scratch/w.bin' (<host>)" });
    const elsewhere = shareableCopy({ ...lab, suite: { ...lab.suite, file: '/tmp/x/ci-gate.json' } }, at).doc;
    expect(elsewhere.suite.file).toBe('ci-gate.json');
  });

  it('keeps what checks and reruns the run: suite, dataset checksums, versions, hardware model, every trial', () => {
    expect(doc.suite.spec).toEqual(lab.suite.spec);
    expect(doc.datasets.map(({ name, id, checksum, files }) => ({ name, id, checksum, files }))).toEqual(
      lab.datasets.map(({ name, id, checksum, files }) => ({ name, id, checksum, files })),
    );
    const { hostname: _h, backend: { libraries: _l, notes: _n, ...backend }, ...env } = lab.environment;
    expect(doc.environment).toMatchObject({ ...env, backend });
    expect(doc.tool).toEqual(lab.tool);
    expect(doc.trials.slice(0, 3)).toEqual(lab.trials.slice(0, 3));
    expect(doc.trials).toHaveLength(4);
    expect((doc as RunDocument).run.code).toEqual(lab.run.code);
    expect(resultsProblems(doc)).toEqual([]);
  });

  it('does not take a path for one that merely contains the folder: /data/home/ada/lab stays', () => {
    const notes = ['see /data/home/ada/lab/x and /home/ada/lab2/y and /home/ada/lab'];
    const copy = shareableCopy({ ...lab, environment: { ...lab.environment, backend: { ...lab.environment.backend, notes } } }, at).doc;
    expect(copy.environment.backend.notes).toEqual(['see /data/home/ada/lab/x and ~/lab2/y and .']);
  });
});

describe('methodsParagraph', () => {
  it('says the protocol, the seeds, the tests and the hardware, with the numbers of the run', () => {
    const text = methodsParagraph(readResults(BASELINE), 'ci-gate.json');
    const paragraphs = text.split('\n\n');
    expect(paragraphs.map((p) => p.split(' ')[0])).toEqual(['###', '**Protocol.**', '**Seeds.**', '**Statistics.**', '**Hardware', 'Every']);
    expect(paragraphs[1]).toContain('Model: `lenet5` (61,706 trainable parameters).');
    expect(paragraphs[1]).toContain('`mnist` (`mnist-subset-6309`, sha256 `d61995d25c4035d5`: 5,678 training, 631 validation and 10,000 test images)');
    expect(paragraphs[1]).toContain('Each trial trained for 1 epoch with batch size 64, 10% of the training split held out for validation.');
    expect(paragraphs[1]).toContain('`adam(lr=0.002)` (adam: lr 0.002, betas [0.9,0.999], eps 1e-8, weightDecay 0, amsgrad false)');
    expect(paragraphs[2]).toContain('(1 and 2: 4 trials, 4 ok)');
    expect(paragraphs[3]).toContain('the paired t-test on per-seed differences');
    expect(paragraphs[3]).toContain("p values are Holm-adjusted over each rank group's comparisons");
    expect(paragraphs[4]).toBe(
      '**Hardware and software.** Intel(R) Xeon(R) Processor, 2 cores, 23.5 GB memory, linux 6.18.44-fc-v657 x64; backend wasm 4.22.0 ' +
        '(`@tensorflow/tfjs-backend-wasm`, 1 thread); Node.js v20.20.2, TensorFlow.js 4.22.0. Machine-speed calibration (`matmul128+conv5x5-grad/v1`): median 1.291 ms.',
    );
    expect(paragraphs[5]).toBe('Every trial, with its per-epoch history, is in `ci-gate.json` (bench results schemaVersion 1); to rerun: `bench run suites/ci-gate.json --backend wasm --threads 1`.');
  });
});

describe('methodsParagraph of a run with other statistics, added seeds and a halving search', () => {
  it('names the recorded statistics, how seeds were added and how the search pruned', () => {
    const doc = readResults(BASELINE) as RunDocument;
    const sequential = { maxSeeds: 4, alpha: 0.05, looks: 3, alphaPerLook: 0.05 / 3, added: [{ seed: 3, configs: ['a', 'b'] }], stopped: 'separated' as const };
    const rungs = [{ epochs: 1, configs: 9, kept: 3, seconds: 1 }, { epochs: 3, configs: 3, kept: 1, seconds: 1 }, { epochs: 9, configs: 1, kept: 1, seconds: 1 }];
    const selection = [{ optimizer: 'sgd', name: 'sgd', model: 'lenet5', dataset: 'mnist', params: { lr: 0.1 }, searched: ['lr'], metric: 'valAccuracy' as const, value: 0.9, trial: 'x', configs: 9, seconds: 3, strategy: 'halving' as const, searchSeed: 0, halving: { eta: 3, minEpochs: 1, sample: 'quasirandom' as const, rungs } }];
    const run: RunDocument = { ...doc, statistics: { test: 'welch', correction: 'none', interval: 't', alpha: 0.1 }, run: { ...doc.run, sequential }, selection };
    const text = methodsParagraph(run, 'x.json');
    const [, protocol, seeds, stats] = text.split('\n\n');
    expect(stats).toContain("Tests: Welch's t-test on the seeds as independent samples");
    expect(stats).toContain('not significant at alpha = 0.1; p values are not adjusted');
    expect(seeds).toContain('Sequential (--seeds-until-separated 4): alpha = 0.05 spent over 3 looks (Bonferroni)');
    expect(protocol).toContain('`sgd` on lenet5/mnist was tuned by successive halving (eta 3, 9 configurations for 1 epoch, 3 for 3 epochs, 1 for 9 epochs) of quasirandom search over lr');
  });
});

describe('publishResults and bench publish', () => {
  it('bench publish FILE --out OUT writes the validated copy and the methods paragraph beside it', async () => {
    const lab = write('lab.json', labRun());
    const out = path.join(dir, 'paper.json');
    const r = await cli('publish', lab, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote ${out} (4 trials; hostname, library and data folders dropped, paths relative) and ${path.join(dir, 'paper.methods.md')}`);
    const v = await cli('validate', '--results', out);
    expect([v.code, v.out]).toEqual([0, `${out}: valid results (schemaVersion 1) of suite "ci-gate": 4 trials, 2 configurations`]);
    const copy = readResults(out);
    expect(copy.environment.hostname).toBeUndefined();
    expect(fs.readFileSync(path.join(dir, 'paper.methods.md'), 'utf8')).toBe(`${methodsParagraph(copy, 'paper.json')}\n`);
    expect(r.err).toContain('warning: an absolute path is left in $.environment.backend.notes[0]');
    const again = await cli('publish', lab, '--out', out);
    expect([again.code, again.err]).toEqual([2, `bench: ${out} exists; pass --force to overwrite it`]);
    expect((await cli('publish', lab, '--out', out, '--force')).code).toBe(0);
  });

  it('merges the shards of one run; refuses an incomplete run unless --partial', () => {
    const whole = readResults(BASELINE) as RunDocument;
    const ids = whole.run.suiteTrials;
    const shard = (index: 1 | 2) => {
      const planned = ids.filter((_, i) => i % 2 === index - 1);
      const doc: ResultsDocument = { ...whole, trials: whole.trials.filter((t) => planned.includes(t.id)), run: { ...whole.run, plannedTrials: planned, shard: { index, count: 2 } } } as RunDocument;
      return write(`shard${index}.json`, doc);
    };
    const merged = publishResults([shard(1), shard(2)], path.join(dir, 'merged.json'));
    expect(merged.doc.trials.map((t) => t.id)).toEqual(ids);
    expect((merged.doc as RunDocument).run.mergedFrom!.map((m) => [m.file, m.hostname])).toEqual([
      [path.basename(shard(1)), undefined],
      [path.basename(shard(2)), undefined],
    ]);
    const partial = write('partial.json', { ...whole, complete: false, trials: whole.trials.slice(0, 1) });
    expect(inputErrorOf(() => publishResults([partial], path.join(dir, 'p.json')))).toBe(
      `${partial}: an incomplete run (1 of 4 trials); finish it with bench run --resume ${partial}, or pass --partial`,
    );
    expect(publishResults([partial], path.join(dir, 'p.json'), { partial: true }).doc.complete).toBe(false);
  });
});

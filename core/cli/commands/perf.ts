/** `bench perf`: parses the options, calls core/perf/perf.ts runPerf, prints each model's figures. */
import type { BackendChoice } from '../../backends/choices';
import type { CommandModule } from '../command';
import { backendOptions, jsonOption } from '../options';

interface Args {
  model: string[];
  batch: number;
  steps: number;
  backend: BackendChoice;
  threads?: number;
  optimizer: string;
  json: boolean;
  verbose?: boolean;
}

const perf: CommandModule<Args> = {
  command: 'perf',
  describe: 'Training throughput on synthetic data: samples/s, framework overhead, ops per step, peak RSS',
  builder: (y) => {
    backendOptions(y, { default: 'auto' });
    jsonOption(y, 'one JSON line per model');
    return y
      .option('model', { type: 'string', array: true, default: ['lenet5'], describe: 'a model to train (see `bench list models`); repeat for several' })
      .option('batch', { type: 'number', default: 64, describe: 'batch size' })
      .option('steps', { type: 'number', default: 50, describe: 'steps per epoch (warm-up, timed and profiled epochs)' })
      .option('optimizer', { type: 'string', default: 'adam', describe: 'optimizer plugin (defaults of its parameters; adam lr 1e-3)' })
      .example('$0 perf --model lenet5 --model cifar-cnn --threads 1 --json', 'the figures to set beside the peers')
      .example('$0 perf --backend wasm --steps 20', '');
  },
  async run(args, io) {
    const { runPerf } = await import('../../perf/perf');
    await runPerf(
      { models: args.model, batch: args.batch, steps: args.steps, optimizer: { name: args.optimizer }, backend: args.backend, threads: args.threads, verbose: args.verbose },
      {
        onBackend(b, env) {
          if (args.json) return;
          io.err(`backend ${b.name} (${b.package}${b.tensorflow ? `, TensorFlow ${b.tensorflow}` : ''}, ${b.threads ?? '?'} thread${b.threads === 1 ? '' : 's'}) on ${env.cpu}, ${env.cores} cores`);
          for (const n of b.notes) io.err(`  note: ${n}`);
        },
        onModel(r, b) {
          if (args.json) {
            io.out(JSON.stringify({ ...r, threads: b.threads, tensorflow: b.tensorflow ?? null, tfjs: b.tfjsVersion }));
            return;
          }
          io.out(
            `${r.model}: ${Math.round(r.samplesPerSecond)} samples/s (batch ${r.batch}, ${r.stepMs.toFixed(2)} ms/step); ` +
              `${r.opsPerStep} ops/step${r.tfOpsPerStep !== null ? ` (${r.tfOpsPerStep} TensorFlow ops)` : ''}, ` +
              `overhead ${(r.overheadFraction * 100).toFixed(1)}% (${r.overheadPerOpUs.toFixed(1)} us/op), ` +
              `peak RSS ${Math.round(r.peakRssMB)} MB, tensors after each epoch ${r.tensorsPerEpoch.join('/')}`,
          );
          for (const k of r.topKernels.slice(0, 6)) io.out(`  ${k.kernel.padEnd(24)} ${k.callsPerStep.toString().padStart(6)} calls  ${k.msPerStep.toFixed(3).padStart(8)} ms/step`);
        },
      },
    );
    return 0;
  },
};

export default perf;

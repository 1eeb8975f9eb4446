import { BACKEND_CHOICES, type BackendChoice } from '../../backends/choices';
import type { CommandModule } from '../command';
import { threadsOption } from '../options';

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
  builder: (y) =>
    threadsOption(y, 'TensorFlow intra- and inter-op threads (native backend)')
      .option('model', { type: 'string', array: true, default: ['lenet5'], describe: 'model(s) to train (see `bench list models`)' })
      .option('batch', { type: 'number', default: 64, describe: 'batch size' })
      .option('steps', { type: 'number', default: 50, describe: 'steps per epoch (warm-up, timed and profiled epochs)' })
      .option('backend', { choices: BACKEND_CHOICES, default: 'auto' as BackendChoice, describe: 'auto: native TensorFlow if it loads, else wasm' })
      .option('optimizer', { type: 'string', default: 'adam', describe: 'optimizer plugin (defaults of its parameters; adam lr 1e-3)' })
      .option('json', { type: 'boolean', default: false, describe: 'one JSON line per model' })
      .example('$0 perf --model lenet5 cifar-cnn --threads 1 --json', 'the figures to set beside the peers')
      .example('$0 perf --backend wasm --steps 20', ''),
  async run(args, io) {
    const [{ useBackend }, { measurePerf }, { captureEnvironment }] = await Promise.all([
      import('../../backends'),
      import('../../perf/perf'),
      import('../../env/environment'),
    ]);
    const backend = await useBackend(args.backend, { threads: args.threads, verbose: args.verbose });
    const env = captureEnvironment(backend);
    if (!args.json) {
      io.err(
        `backend ${backend.name} (${backend.package}${backend.tensorflow ? `, TensorFlow ${backend.tensorflow}` : ''}, ${backend.threads ?? '?'} thread${backend.threads === 1 ? '' : 's'}) on ${env.cpu}, ${env.cores} cores`,
      );
      for (const n of backend.notes) io.err(`  note: ${n}`);
    }
    for (const model of args.model) {
      const r = await measurePerf({ model, batch: args.batch, steps: args.steps, optimizer: { name: args.optimizer } });
      if (args.json) {
        io.out(JSON.stringify({ ...r, threads: backend.threads, tensorflow: backend.tensorflow ?? null, tfjs: backend.tfjsVersion }));
        continue;
      }
      io.out(
        `${model}: ${Math.round(r.samplesPerSecond)} samples/s (batch ${r.batch}, ${r.stepMs.toFixed(2)} ms/step); ` +
          `${r.opsPerStep} ops/step${r.tfOpsPerStep !== null ? ` (${r.tfOpsPerStep} TensorFlow ops)` : ''}, ` +
          `overhead ${(r.overheadFraction * 100).toFixed(1)}% (${r.overheadPerOpUs.toFixed(1)} us/op), ` +
          `peak RSS ${Math.round(r.peakRssMB)} MB, tensors after each epoch ${r.tensorsPerEpoch.join('/')}`,
      );
      for (const k of r.topKernels.slice(0, 6)) io.out(`  ${k.kernel.padEnd(24)} ${k.callsPerStep.toString().padStart(6)} calls  ${k.msPerStep.toFixed(3).padStart(8)} ms/step`);
    }
    return 0;
  },
};

export default perf;

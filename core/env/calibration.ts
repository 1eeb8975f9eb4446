/**
 * Machine-speed calibration: a short fixed compute probe, timed with tinybench on the run's backend and
 * recorded in every results file as `environment.calibration`. `bench compare` divides times by the
 * probe's mean time, so a runner that is uniformly slower (a slower CPU, a busier CI host) compares
 * equal to a faster one, and only a change in the code's relative cost trips the gate.
 *
 * The probe is one training-like step on fixed tensors: a 128x128 by 128x128 matmul (the dense layers'
 * kernel) and a 5x5 convolution of a [4, 14, 14, 6] batch to 16 channels, forward and backward
 * (input and filter gradients: the kernels that dominate a LeNet-5 step). Its size never changes
 * within one probe version; change PROBE_VERSION whenever it does, so that old and new files are not
 * compared as if measured with the same ruler.
 */
import { Bench } from 'tinybench';
import * as tf from '../tf';

/** Bumped whenever the probe's work changes. */
export const PROBE_VERSION = 1;
/** The probe's name, as results files record it. */
export const PROBE_NAME = `matmul128+conv5x5-grad/v${PROBE_VERSION}`;

/** What a results file records about the machine's speed. */
export interface Calibration {
  /** Probe name and version (PROBE_NAME): times are comparable only between equal probes. */
  probe: string;
  /** The tfjs backend the probe ran on. */
  backend: string;
  /** Probe steps per second: 1000 / meanMs. */
  opsPerSecond: number;
  /** Mean milliseconds per probe step. */
  meanMs: number;
  /** Median milliseconds per probe step: what `bench compare` divides by (robust to a few slow steps). */
  medianMs: number;
  /** Sample standard deviation of the step time, ms. */
  sdMs: number;
  /** Relative margin of error of the mean, percent (Student t, 95%). */
  rme: number;
  /** Timed probe steps. */
  samples: number;
}

/** How long to measure; the defaults take about 0.3 s on the wasm backend (a few ms a step). */
export interface CalibrateOptions {
  /** Minimum measuring time, ms (default 250). */
  time?: number;
  /** Minimum timed steps (default 10). */
  iterations?: number;
  /** Warm-up time, ms (default 50). */
  warmupTime?: number;
  /** Minimum warm-up steps (default 2). */
  warmupIterations?: number;
}

/** Fixed probe inputs: deterministic, the same on every machine. */
function probeInputs(): { a: tf.Tensor2D; b: tf.Tensor2D; x: tf.Tensor4D; f: tf.Tensor4D } {
  return tf.tidy(() => ({
    a: tf.randomUniform([128, 128], -1, 1, 'float32', 1) as tf.Tensor2D,
    b: tf.randomUniform([128, 128], -1, 1, 'float32', 2) as tf.Tensor2D,
    x: tf.randomUniform([4, 14, 14, 6], -1, 1, 'float32', 3) as tf.Tensor4D,
    f: tf.randomUniform([5, 5, 6, 16], -0.2, 0.2, 'float32', 4) as tf.Tensor4D,
  }));
}

const convGrads = tf.grads((x: tf.Tensor, f: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same').sum());

/**
 * Times the probe on the current backend (call after core/backends `useBackend`). Leaves no tensor
 * behind. Each step reads one scalar back, so that asynchronous backends finish their work inside
 * the timed region.
 */
export async function calibrate(opts: CalibrateOptions = {}): Promise<Calibration> {
  const inputs = probeInputs();
  try {
    const bench = new Bench({
      time: opts.time ?? 250,
      iterations: opts.iterations ?? 10,
      warmupTime: opts.warmupTime ?? 50,
      warmupIterations: opts.warmupIterations ?? 2,
      throws: true,
    });
    bench.add(PROBE_NAME, () => {
      const check = tf.tidy(() => {
        const y = tf.matMul(inputs.a, inputs.b);
        const [gx, gf] = convGrads([inputs.x, inputs.f]);
        return y.sum().add(gx!.sum()).add(gf!.sum());
      });
      check.dataSync();
      check.dispose();
    });
    const task = bench.tasks[0]!;
    await bench.run();
    const r = task.result;
    if (!r || r.error) throw r?.error ?? new Error('calibration probe produced no result');
    return {
      probe: PROBE_NAME,
      backend: tf.getBackend(),
      opsPerSecond: 1000 / r.latency.mean,
      meanMs: r.latency.mean,
      medianMs: r.latency.p50 ?? r.latency.mean,
      sdMs: r.latency.sd,
      rme: r.latency.rme,
      samples: r.latency.samples.length,
    };
  } finally {
    tf.dispose(Object.values(inputs));
  }
}

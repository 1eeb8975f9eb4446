/**
 * How many worker processes a run has, with how many TensorFlow threads each, and what a worker process
 * runs. Light on purpose (node built-ins only): the CLI reads it before the run's heavy modules load, to
 * start the workers early (core/run/prestart.ts).
 */
import * as os from 'node:os';
import * as path from 'node:path';

/** The default number of workers: the cores this process may use. */
export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** TensorFlow threads of each worker process: `threads` (--threads), else the cores shared among `workers`. */
export function workerThreads(threads: number | undefined, workers: number): number {
  return threads ?? Math.max(1, Math.floor(defaultWorkers() / workers));
}

/** The module a worker process runs, and how to start it (ts-node when running from the sources). */
export function workerEntry(): { entry: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `worker${ext}`);
  return { entry, execArgv: ext === '.ts' ? ['-r', require.resolve('ts-node/register/transpile-only')] : [] };
}


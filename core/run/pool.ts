/**
 * A small pool of worker processes (child_process.fork) with a FIFO queue.
 *
 * Why processes and not piscina's worker threads: the native TensorFlow binding fails to load in a
 * second worker thread of one process (tensorflow/tfjs#8388, #2079), one process per worker gives each
 * its own backend, heap and TF_NUM_INTRAOP_THREADS, and a worker that crashes (or is killed) takes only
 * its own trial with it. Tinypool has a child_process runtime but is ESM-only, which this CommonJS
 * package cannot require on Node 20.
 *
 * Protocol (JSON over the IPC channel): the parent sends `{ type: 'task', id, payload }`; the worker
 * answers `{ type: 'event', id, event }` any number of times, then `{ type: 'result', id, result }` or
 * `{ type: 'error', id, message }`. Workers ignore SIGINT and SIGTERM (a terminal's Ctrl-C reaches the whole
 * process group, Slurm's scancel every process of the job; the parent decides what stops) and exit when the parent's channel closes. A worker busy in a
 * training loop does not see the channel close until its epoch ends, so each also runs a watchdog
 * thread that kills its process within half a second of the parent dying (kill -9, OOM killer).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Worker as Thread } from 'node:worker_threads';

export interface PoolOptions {
  /** Number of worker processes. */
  size: number;
  /** Module each worker runs (a compiled .js, or a .ts with `execArgv` registering ts-node). */
  entry: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  /**
   * What a worker prints on stdout or stderr goes here (default: this process's stderr, so that stdout
   * stays for the results table).
   */
  onOutput?: (slot: number, text: string) => void;
}

/** Raised for a task whose worker died before answering. */
export class WorkerExitError extends Error {
  constructor(
    readonly slot: number,
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(`worker ${slot} exited ${signal ? `on signal ${signal}` : `with code ${code}`} before finishing its trial`);
    this.name = 'WorkerExitError';
  }
}

interface Task<R, E> {
  id: number;
  payload: unknown;
  onEvent?: (event: E, slot: number) => void;
  onStart?: (slot: number) => void;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

interface Worker<R, E> {
  slot: number;
  child: ChildProcess;
  task?: Task<R, E>;
}

type FromWorker<R, E> =
  | { type: 'event'; id: number; event: E }
  | { type: 'result'; id: number; result: R }
  | { type: 'error'; id: number; message: string };

/** Runs tasks on up to `size` worker processes; results come back in whatever order they finish. */
export class ProcessPool<R, E = unknown> {
  private readonly queue: Array<Task<R, E>> = [];
  private readonly workers: Array<Worker<R, E> | undefined>;
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {
    if (!(opts.size >= 1)) throw new Error(`pool size must be at least 1, got ${opts.size}`);
    this.workers = new Array<Worker<R, E> | undefined>(opts.size).fill(undefined);
  }

  /** Pids of the live workers (for tests and diagnostics). */
  get pids(): number[] {
    return this.workers.flatMap((w) => (w?.child.pid !== undefined ? [w.child.pid] : []));
  }

  /** How many worker slots the pool has. */
  get size(): number {
    return this.workers.length;
  }

  /** Drops the slots past the first `n`, killing their workers (SIGKILL) and failing their tasks. */
  shrink(n: number): void {
    for (const w of this.workers.splice(Math.max(1, n))) {
      if (!w) continue;
      const t = w.task;
      w.task = undefined;
      t?.reject(new Error('pool shrunk'));
      w.child.kill('SIGKILL');
    }
  }

  /** Starts up to `n` workers now (they load their modules while the caller prepares the tasks). */
  warm(n = this.workers.length): void {
    for (let i = 0; i < Math.min(n, this.workers.length); i++) if (!this.workers[i] && !this.closed) this.spawn(i);
  }

  /**
   * Queues `payload`; resolves with the worker's result. `onStart` is told the worker slot (1-based)
   * when the task starts, `onEvent` receives the worker's progress events.
   */
  run(payload: unknown, hooks: { onEvent?: (event: E, slot: number) => void; onStart?: (slot: number) => void } = {}): Promise<R> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, payload, ...hooks, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (let i = 0; i < this.workers.length && this.queue.length > 0; i++) {
      let w = this.workers[i];
      if (w?.task) continue;
      w ??= this.spawn(i);
      const task = this.queue.shift()!;
      w.task = task;
      task.onStart?.(w.slot);
      w.child.send({ type: 'task', id: task.id, payload: task.payload });
    }
  }

  private spawn(i: number): Worker<R, E> {
    const child = fork(this.opts.entry, [], {
      execArgv: this.opts.execArgv ?? [],
      env: this.opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const w: Worker<R, E> = { slot: i + 1, child };
    this.workers[i] = w;
    const out = this.opts.onOutput ?? ((_slot: number, text: string) => void process.stderr.write(text));
    child.stdout?.on('data', (b: Buffer) => out(w.slot, b.toString()));
    child.stderr?.on('data', (b: Buffer) => out(w.slot, b.toString()));
    child.on('message', (m: FromWorker<R, E>) => {
      const t = w.task;
      if (!t || m.id !== t.id) return;
      if (m.type === 'event') {
        t.onEvent?.(m.event, w.slot);
        return;
      }
      w.task = undefined;
      if (m.type === 'result') t.resolve(m.result);
      else t.reject(new Error(m.message));
      if (!this.closed) this.dispatch();
    });
    child.on('exit', (code, signal) => {
      if (this.workers[i] === w) this.workers[i] = undefined;
      const t = w.task;
      w.task = undefined;
      if (t) t.reject(new WorkerExitError(w.slot, code, signal));
      if (!this.closed) this.dispatch();
    });
    child.on('error', () => {
      // 'exit' follows and fails the task; a send to a dead child lands here too.
    });
    return w;
  }

  /** Rejects the queued tasks, kills every worker (SIGKILL) and waits until they are gone. */
  async terminate(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('pool terminated'));
    await Promise.all(
      this.workers.map((w) =>
        w && w.child.exitCode === null && w.child.signalCode === null
          ? new Promise<void>((res) => {
              w.child.once('exit', () => res());
              w.child.kill('SIGKILL');
            })
          : undefined,
      ),
    );
  }

  /**
   * Rejects queued tasks and closes the workers' channels, which makes them exit; one that has not
   * exited `graceMs` later is killed. Waits until all are gone.
   */
  async close(graceMs = 5000): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('pool closed'));
    await Promise.all(
      this.workers.map((w) =>
        w && w.child.exitCode === null && w.child.signalCode === null
          ? new Promise<void>((res) => {
              const timer = setTimeout(() => w.child.kill('SIGKILL'), graceMs);
              w.child.once('exit', () => {
                clearTimeout(timer);
                res();
              });
              if (w.child.connected) w.child.disconnect();
              else w.child.kill('SIGKILL');
            })
          : undefined,
      ),
    );
  }
}

/**
 * The worker side: serves tasks with `handler` until the parent goes away. `handler` gets the payload
 * and an `emit` for progress events.
 */
export function serveTasks<P, R, E>(handler: (payload: P, emit: (event: E) => void) => Promise<R>): void {
  if (!process.send) throw new Error('serveTasks: not started by a ProcessPool (no IPC channel)');
  const ignore = () => {
    // The parent handles Ctrl-C, and a SIGTERM sent to the whole job (Slurm's scancel, a process group's
    // kill), for the whole run: it stops this worker itself, so the worker's death is never a failed trial.
  };
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  process.on('disconnect', () => process.exit(0));
  startParentWatchdog();
  let chain = Promise.resolve();
  process.on('message', (m: { type: string; id: number; payload: P }) => {
    if (m?.type !== 'task') return;
    chain = chain.then(async () => {
      const send = (msg: object) => {
        if (process.connected) process.send!(msg);
      };
      try {
        const result = await handler(m.payload, (event) => send({ type: 'event', id: m.id, event }));
        send({ type: 'result', id: m.id, result });
      } catch (e) {
        send({ type: 'error', id: m.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
    });
  });
}

/**
 * A thread that SIGKILLs this process once its parent is gone (it is re-parented): the main thread may
 * be inside a long synchronous training loop and cannot notice itself.
 */
function startParentWatchdog(intervalMs = 500): void {
  const code = `
    const { workerData } = require('node:worker_threads');
    setInterval(() => { if (process.ppid !== workerData.ppid) process.kill(process.pid, 'SIGKILL'); }, workerData.intervalMs);
  `;
  const watchdog = new Thread(code, { eval: true, workerData: { ppid: process.ppid, intervalMs } });
  watchdog.unref();
}

/**
 * SIGINT and SIGTERM as an AbortSignal, for a run that has its process to itself (`bench run`): the first
 * of them aborts the run (its trials in flight are dropped, its results file is left valid and
 * incomplete) and is remembered, so that the caller can exit with 128 + the signal's number; the handlers
 * are removed by `dispose()`. It knows nothing of what the run does with the signal.
 */

/** The signals that stop a run. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Exit codes of a run stopped by a signal: 128 + the signal's number, as shells report them. */
export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/** Handlers installed by `abortOnSignals`. */
export interface SignalAbort {
  readonly signal: AbortSignal;
  /** The signal that stopped the run, if one did. */
  readonly stoppedBy: StopSignal | undefined;
  /** Removes the handlers. */
  dispose(): void;
}

/** Installs handlers for SIGINT and SIGTERM that abort `signal`, telling `onStop` first. */
export function abortOnSignals(onStop: (sig: StopSignal) => void = () => {}): SignalAbort {
  const controller = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const handler = (sig: StopSignal) => () => {
    if (stoppedBy) return;
    stoppedBy = sig;
    onStop(sig);
    controller.abort();
  };
  const handlers = { SIGINT: handler('SIGINT'), SIGTERM: handler('SIGTERM') };
  process.once('SIGINT', handlers.SIGINT);
  process.once('SIGTERM', handlers.SIGTERM);
  return {
    signal: controller.signal,
    get stoppedBy() {
      return stoppedBy;
    },
    dispose() {
      process.removeListener('SIGINT', handlers.SIGINT);
      process.removeListener('SIGTERM', handlers.SIGTERM);
    },
  };
}

/**
 * Errors a user can act on. The CLI prints their message alone (no stack trace) and exits with
 * `exitCode`: 2 for bad input (a suite, a results file, an option), 1 for a run that failed.
 */
export class BenchError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'BenchError';
  }
}

/** Bad input: names the file (or option) and what was expected. */
export class InputError extends BenchError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'InputError';
  }
}

/** The message of anything thrown, without its stack. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  // An Error of another realm (a plugin loaded by jiti into its own context) is not instanceof Error here.
  const message = err && typeof err === 'object' ? (err as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(err);
}

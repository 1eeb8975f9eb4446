/**
 * Where commands write: stdout and stderr by default, buffers in tests; and whether to colour. Knows the
 * process's streams and environment, nothing of any command.
 */
export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  /** Whether stderr is a terminal that draws progress bars (not TERM=dumb); absent means no. */
  errIsTTY?: boolean;
  /** Whether to colour what goes to stdout (colorWanted); absent means no. */
  color?: boolean;
}

const set = (v: string | undefined) => v !== undefined && v !== '';

/**
 * Whether to colour a stream: NO_COLOR set and not empty says no (no-color.org); else FORCE_COLOR says yes
 * unless it is "0" or "false"; else TERM=dumb says no; else whether the stream is a terminal.
 */
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (set(env.NO_COLOR)) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export const processIO: IO = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb',
  color: colorWanted(process.env, Boolean(process.stdout.isTTY)),
};

/** An IO that records everything, for tests. */
export function memoryIO(): IO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false, color: false };
}

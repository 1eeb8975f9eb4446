/** Where commands write: stdout and stderr by default, buffers in tests. */
export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (colours, progress bars). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress bars); absent means no. */
  errIsTTY?: boolean;
}

export const processIO: IO = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
};

/** An IO that records everything, for tests. */
export function memoryIO(): IO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false };
}

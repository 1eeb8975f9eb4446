/**
 * The option groups of core/cli/options.ts: an option that several commands take reads the same in
 * each command's help (one declaration), and is checked the same way in each.
 */
import * as path from 'node:path';
import { cli } from '../../test/helpers';

const NO_FILE = path.join(__dirname, 'no-such-results.json');

/** The help text of `--<name>` in `bench <command> --help`, its wrapped lines joined, without the [type] [default] notes. */
async function optionHelp(command: string, name: string): Promise<string> {
  const { code, out } = await cli(command, '--help');
  expect(code).toBe(0);
  const lines = out.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^\\s+--${name} `).test(l)); // indented past the aliases (-h, --help)
  if (at < 0) throw new Error(`bench ${command} --help has no --${name}:\n${out}`);
  const block = [lines[at]!];
  for (const l of lines.slice(at + 1)) {
    if (l.trim() === '' || /^\s+-/.test(l)) break; // the next option
    block.push(l);
  }
  return block
    .join(' ')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('options that several commands take are declared once', () => {
  it('--threads reads the same in perf, micro and backends: TensorFlow intra- and inter-op threads', async () => {
    const texts = await Promise.all(['perf', 'micro', 'backends'].map((c) => optionHelp(c, 'threads')));
    expect(texts).toEqual(Array(3).fill('--threads TensorFlow intra- and inter-op threads (native backend)'));
  });

  it('--backend reads the same in run, perf and micro, whatever its default', async () => {
    const texts = await Promise.all(['run', 'perf', 'micro'].map((c) => optionHelp(c, 'backend')));
    expect(texts).toEqual(Array(3).fill('--backend tfjs backend; auto: native TensorFlow if it loads, else wasm'));
  });

  it('a checked option is refused before any work: bench compare reads no file with a bad threshold', async () => {
    const refused = async (...argv: string[]) => {
      const r = await cli('compare', NO_FILE, NO_FILE, ...argv);
      return [r.code, r.err, r.out];
    };
    expect(await refused('--max-slowdown', '10x')).toEqual([2, 'bench: --max-slowdown: expected a percentage such as 10% (got "10x")', '']);
    expect(await refused('--max-loss-increase=-5%')).toEqual([2, 'bench: --max-loss-increase: expected a percentage such as 10% (got "-5%")', '']);
    expect(await refused('--alpha', '1')).toEqual([2, 'bench: --alpha: expected a number between 0 and 1 (got 1)', '']);
    expect(await refused('--max-accuracy-drop', '-1')).toEqual([2, 'bench: --max-accuracy-drop: expected a number of percentage points >= 0 (got -1)', '']);
    const [code, err] = await refused('--max-slowdown', '25%');
    expect([code, err]).toEqual([2, expect.stringContaining(NO_FILE)]);
  });

  it('bench micro: --time and --iterations are refused before the backend loads', async () => {
    const time = await cli('micro', '--time', '-1', '--backend', 'cpu');
    expect([time.code, time.err]).toEqual([2, 'bench: --time: expected milliseconds >= 0 (got -1)']);
    const iterations = await cli('micro', '--iterations', '1.5', '--backend', 'cpu');
    expect([iterations.code, iterations.err]).toEqual([2, 'bench: --iterations: expected an integer >= 2 (got 1.5)']);
  });
});

/**
 * Random mutations of the shipped suites never end in an unhandled exception: `bench validate`
 * answers 0 or 2, and never prints a stack trace.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryIO } from '../core/cli/io';
import { main } from '../core/cli/main';
import { createRng, type Rng } from '../core/util/rng';

const SUITES = path.join(__dirname, '..', 'suites');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fuzz-'));
const WEIRD: unknown[] = [null, true, -1, 0, 1e308, -1e-9, 3.5, '', 'x', 'adam', [], [[]], {}, { name: 1 }, [null], NaN, '../../etc/passwd'];

type Json = unknown;

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng.next() * xs.length)]!;
}

/** Every path to a value inside `v`. */
function paths(v: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function mutate(doc: Json, rng: Rng): Json {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const all = paths(copy).filter((p) => p.length > 0);
  const p = pick(rng, all);
  let parent: any = copy; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const k of p.slice(0, -1)) parent = parent[k];
  const key = p[p.length - 1]!;
  const op = Math.floor(rng.next() * 4);
  if (op === 0) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (op === 1) parent[key] = pick(rng, WEIRD);
  else if (op === 2) parent[`${String(key)}x`] = pick(rng, WEIRD);
  else parent[key] = [parent[key], parent[key]];
  return copy;
}

describe('suite fuzzing', () => {
  const files = fs.readdirSync(SUITES).filter((f) => f.endsWith('.json'));
  const rng = createRng(2026, 'fuzz');

  it('300 mutated suites: exit 0 or 2, no stack trace', async () => {
    const codes: Record<number, number> = {};
    for (let i = 0; i < 300; i++) {
      const source = fs.readFileSync(path.join(SUITES, pick(rng, files)), 'utf8');
      let text: string;
      if (i % 10 === 9) text = source.slice(0, Math.floor(rng.next() * source.length)); // truncated text
      else {
        let doc: Json = JSON.parse(source);
        const n = 1 + Math.floor(rng.next() * 3);
        for (let k = 0; k < n; k++) doc = mutate(doc, rng);
        text = JSON.stringify(doc);
      }
      const f = path.join(tmp, `m${i}.json`);
      fs.writeFileSync(f, text);
      const io = memoryIO();
      const code = await main(['validate', f], io);
      const err = io.stderr.join('\n');
      if (code !== 0 && code !== 2) throw new Error(`exit ${code} for ${text}\n${err}`);
      expect(err).not.toMatch(/\n\s+at \S+ \(/);
      expect(err).not.toContain('internal error');
      if (code === 2) expect(err).toContain(f);
      codes[code] = (codes[code] ?? 0) + 1;
    }
    expect(codes[2]).toBeGreaterThan(100);
  });
});

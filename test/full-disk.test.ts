/** A full disk while writing results: a clear error (exit 1), the earlier file intact, no temporary file left. */
import * as os from 'node:os';
import * as path from 'node:path';
import { BenchError } from '../core/util/errors';
import { writeFileAtomic } from '../core/results/document';

const mockDisk = { full: false };
jest.mock('node:fs', () => {
  const real = jest.requireActual('node:fs');
  return {
    ...real,
    writeFileSync: (...args: unknown[]) => {
      if (mockDisk.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return real.writeFileSync(...args);
    },
  };
});
const fs = jest.requireActual('node:fs') as typeof import('node:fs');

it('a full disk: a clear error (exit 1), the earlier file intact, no temporary file left', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-disk-'));
  const f = path.join(tmp, 'results.json');
  writeFileAtomic(f, '{"first": true}\n');
  mockDisk.full = true;
  let err: unknown;
  try {
    writeFileAtomic(f, '{"second": true}\n');
  } catch (e) {
    err = e;
  } finally {
    mockDisk.full = false;
  }
  expect(err).toBeInstanceOf(BenchError);
  expect((err as BenchError).exitCode).toBe(1);
  expect((err as Error).message).toBe(`cannot write ${f}: ENOSPC: no space left on device, write`);
  expect(fs.readFileSync(f, 'utf8')).toBe('{"first": true}\n');
  expect(fs.readdirSync(tmp)).toEqual(['results.json']);
});

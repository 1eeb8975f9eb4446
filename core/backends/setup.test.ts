/** setupNative: what scripts/setup-native.js cannot do is a BenchError with exit code 1 and its reason, before any work. */
import * as path from 'node:path';
import { cli } from '../../test/helpers';
import { BenchError } from '../util/errors';
import { setupNative } from './setup';

const missing = path.join(__dirname, 'no-such-tensorflow.whl');

describe('setupNative', () => {
  it('a --from that does not exist: BenchError, exit code 1, the reason alone', () => {
    let err: unknown;
    try {
      setupNative({ from: missing });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BenchError);
    expect([(err as BenchError).exitCode, (err as Error).message]).toEqual([1, `setup native: --from ${missing}: no such file or directory`]);
  });

  it('bench setup native prints it as bench: <reason>, exit 1, no stack trace', async () => {
    const r = await cli('setup', 'native', '--from', missing);
    expect([r.code, r.err, r.out]).toEqual([1, `bench: setup native: --from ${missing}: no such file or directory`, '']);
  });
});

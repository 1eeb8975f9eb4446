/**
 * timeoutSeconds: a trial that runs out is recorded as `timeout` with the history it had, ranks last,
 * and does not fail the run (exit 0); an optimizer entry's own limit overrides the suite's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryIO } from '../cli/io';
import { main } from '../cli/main';
import { readResults } from '../results/document';
import { withDataLimits } from '../../test/helpers';
import { withStatus } from '../../test/fixtures/make-trial';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-timeout-'));
withDataLimits(256, 100);

test('a suite whose timeout is shorter than an epoch ends its trials as timeout and exits 0', async () => {
  const suite = path.join(tmp, 'timeout.json');
  fs.writeFileSync(
    suite,
    JSON.stringify({
      name: 'timeout',
      models: ['linear-784'],
      datasets: ['mnist'],
      // 1 ns: every trial runs out after its first step.
      timeoutSeconds: 1e-9,
      optimizers: [{ name: 'sgd', params: { lr: 0.1 } }, { name: 'adam', params: { lr: 0.001 }, timeoutSeconds: 1000 }],
      seeds: [1, 2],
      epochs: 2,
      batchSize: 32,
    }),
  );
  const out = path.join(tmp, 'timeout-results.json');
  const io = memoryIO();
  const code = await main(['run', suite, '--out', out, '--workers', '1', '--data-dir', path.join(tmp, 'none')], io);
  expect(io.stderr.join('\n')).not.toContain('error');
  expect(code).toBe(0);
  const doc = readResults(out);
  const sgd = doc.trials.filter((t) => t.optimizer.name === 'sgd');
  const adam = doc.trials.filter((t) => t.optimizer.name === 'adam');
  expect(sgd.map((t) => t.status)).toEqual(['timeout', 'timeout']);
  for (const t of sgd) {
    expect(withStatus(t, 'timeout').timeout).toEqual({ seconds: 1e-9, epoch: 1, step: 1 });
    expect(t.history).toEqual([]);
    expect(t).not.toHaveProperty('final');
  }
  expect(adam.map((t) => t.status)).toEqual(['ok', 'ok']);
  expect(adam[0]!.history).toHaveLength(2);
  // Ranked last, and counted.
  expect(doc.ranking.map((e) => [e.label, e.rank, e.timeout ?? 0])).toEqual([
    ['adam(lr=0.001)', 1, 0],
    ['sgd(lr=0.1)', 2, 2],
  ]);
  expect(io.stdout.join('\n')).toContain('2 timeout');
}, 60000);

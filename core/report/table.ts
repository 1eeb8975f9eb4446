/** The ranked comparison table printed after a run (cli-table3). */
import Table from 'cli-table3';
import type { RankEntry } from '../ranking';
import type { Summary } from '../stats';

const pct = (s: Summary | null) => (s ? `${(s.mean * 100).toFixed(2)} ± ${(s.sd * 100).toFixed(2)}` : '—');
const num = (s: Summary | null, digits: number) => (s ? s.mean.toFixed(digits) : '—');

/** Renders the ranking; `color: false` for logs and tests. */
export function rankingTable(ranking: RankEntry[], opts: { color?: boolean } = {}): string {
  const table = new Table({
    head: ['rank', 'configuration', 'test acc % (mean ± sd)', 'n', 'train s', 'samples/s', 'status'],
    colAligns: ['right', 'left', 'right', 'right', 'right', 'right', 'left'],
    style: opts.color === false ? { head: [], border: [] } : undefined,
  });
  for (const e of ranking) {
    const status = [e.diverged ? `${e.diverged} diverged` : '', e.failed ? `${e.failed} failed` : ''].filter(Boolean).join(', ') || 'ok';
    table.push([e.rank, e.label, pct(e.testAccuracy), `${e.ok}/${e.trials}`, num(e.trainSeconds, 1), num(e.samplesPerSecond, 0), status]);
  }
  return table.toString();
}

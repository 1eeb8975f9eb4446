/** The ranked comparison table for terminals (cli-table3), printed after a run and by `bench report`. */
import Table from 'cli-table3';
import type { RankEntry } from '../analysis/ranking';
import { rankColumns } from './format';

/** Renders the ranking; `color: false` for logs and tests. Time-to-target columns appear when the entries have them. */
export function rankingTable(ranking: RankEntry[], opts: { color?: boolean } = {}): string {
  const cols = rankColumns(ranking);
  const table = new Table({
    head: cols.map((c) => c.head),
    colAligns: cols.map((c) => c.align),
    style: opts.color === false ? { head: [], border: [] } : undefined,
  });
  for (const e of ranking) table.push(cols.map((c) => c.cell(e)));
  return table.toString();
}

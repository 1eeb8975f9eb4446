/**
 * Ranking of configurations by mean final test accuracy over their seeds. Configurations with a
 * diverged or failed trial rank after all others, and say how many of their trials did.
 */
import type { TrialRecord } from './record';
import { type Summary, summarize } from './stats';

export interface RankEntry {
  rank: number;
  configId: string;
  label: string;
  trials: number;
  ok: number;
  diverged: number;
  failed: number;
  testAccuracy: Summary | null;
  trainSeconds: Summary | null;
  samplesPerSecond: Summary | null;
}

export function rankConfigurations(trials: TrialRecord[]): RankEntry[] {
  const groups = new Map<string, TrialRecord[]>();
  for (const t of trials) {
    const g = groups.get(t.configId) ?? [];
    g.push(t);
    groups.set(t.configId, g);
  }
  const entries = [...groups.values()].map((g): Omit<RankEntry, 'rank'> => {
    const ok = g.filter((t) => t.status === 'ok' && t.final);
    const pick = (f: (t: TrialRecord) => number) => summarize(ok.map(f)) ?? null;
    return {
      configId: g[0]!.configId,
      label: g[0]!.label,
      trials: g.length,
      ok: ok.length,
      diverged: g.filter((t) => t.status === 'diverged').length,
      failed: g.filter((t) => t.status === 'failed').length,
      testAccuracy: pick((t) => t.final!.testAccuracy),
      trainSeconds: pick((t) => t.final!.trainSeconds),
      samplesPerSecond: pick((t) => t.final!.samplesPerSecond),
    };
  });
  const complete = (e: Omit<RankEntry, 'rank'>) => e.ok === e.trials;
  entries.sort((a, b) => {
    if (complete(a) !== complete(b)) return complete(a) ? -1 : 1;
    const d = (b.testAccuracy?.mean ?? -1) - (a.testAccuracy?.mean ?? -1);
    return d !== 0 ? d : a.label.localeCompare(b.label);
  });
  return entries.map((e, i) => ({ rank: i + 1, ...e }));
}

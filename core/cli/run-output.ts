/**
 * What `bench run` prints once a run has ended, however it ran (in this process, on workers, or as a
 * Slurm run's merged document): the ranked table, a tuning run's selection, where the results are, how to
 * finish a stopped run; and the exit code that goes with it. It runs nothing.
 */
import type { RunDocument } from '../results/run-info';
import type { StopSignal } from '../run/signals';
import type { SuiteFile } from '../suite/types';
import type { IO } from './io';

/** A finished (or stopped) run's document, with the suite spec it ranks by. */
export interface RunOutput {
  spec: SuiteFile;
  out: string;
  doc: RunDocument;
  stoppedBy?: StopSignal;
}

/**
 * Prints the ranking (and a tuning run's selection) on stdout, or with `json` the run's one JSON summary
 * (core/results/summary.ts; progress stays on stderr); returns the exit code.
 */
export async function printRun(run: RunOutput, io: IO, opts: { json?: boolean } = {}): Promise<number> {
  const { out, doc, stoppedBy } = run;
  const { SIGNAL_EXIT } = await import('../run/signals');
  if (opts.json) {
    const { runSummary } = await import('../results/summary');
    io.out(JSON.stringify(runSummary(doc, out, stoppedBy), null, 2));
  } else {
    await printTables(run, io);
  }
  if (stoppedBy) {
    io.err(
      `stopped by ${stoppedBy}: ${doc.trials.length} of ${doc.run.plannedTrials.length} trials done; ${out} is valid and marked incomplete; ` +
        `finish it with: bench run --resume ${out}`,
    );
    return SIGNAL_EXIT[stoppedBy];
  }
  return doc.trials.some((t) => t.status === 'failed') ? 1 : 0;
}

/** The ranked table, how it was ranked (the note with the test-set error), a tuning run's selection and the results path. */
async function printTables({ out, doc }: RunOutput, io: IO): Promise<void> {
  const [{ rankingTable }, { rankOptionsOf, withRanking }, { describeRanking, rankConfigurations }] = await Promise.all([
    import('../report/table'),
    import('../results/document'),
    import('../analysis/ranking'),
  ]);
  const color = io.color === true;
  // The ranking with the suite's options (rankBy, target) and the run's statistics, as written to the results file.
  const opts = rankOptionsOf(doc);
  const { ranking } = withRanking(doc);
  io.out(rankingTable(ranking, { color }));
  io.out(describeRanking(opts, new Set(ranking.map((e) => `${e.model}/${e.dataset}`)).size, ranking));
  if (doc.run.sequential) io.out((await import('../analysis/sequential')).describeSequential(doc.run.sequential));
  if (doc.selection) {
    const { selectionTable, tuneabilityTable } = await import('../search/select');
    io.out(selectionTable(doc.selection));
    io.out('Ranked: the final trials (each chosen configuration rerun on its search block\'s seeds, default: the suite\'s); an entry whose search trials all failed, diverged or timed out ranks last as "(search: none finished)".');
    const curves = tuneabilityTable(doc.selection);
    if (curves) io.out(curves);
    const untuned = doc.trials.filter((t) => t.phase === 'defaults');
    if (untuned.length > 0) {
      io.out('Untuned (--defaults): the tuned optimizers as written, on the same seeds:');
      io.out(rankingTable(rankConfigurations(untuned, opts), { color }));
    }
  }
  io.out(`results: ${out}`);
}

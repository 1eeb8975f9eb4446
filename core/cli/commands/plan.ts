/**
 * `bench plan seeds RESULTS...`: how many seeds the comparisons near the top need. Reads the results
 * (as `bench report` does), ranks them, and prints the seed plan (core/analysis/seed-plan.ts): the
 * difference detectable at the current seeds with 80% power, and the seeds that would separate a
 * difference of --delta (and the observed one), at the level the ranking tests each comparison.
 */
import { InputError } from '../../util/errors';
import type { CommandModule } from '../command';
import { type StatsArgs, statsOf, statsOptions } from '../stats-options';

const PLANS = ['seeds'] as const;

interface Args extends StatsArgs {
  what: (typeof PLANS)[number];
  results: string[];
  delta?: number;
  power: number;
  top: number;
  json: boolean;
}

const plan: CommandModule<Args> = {
  command: 'plan <what> <results..>',
  describe: 'Plan seeds from a results file: the difference the seeds detect now, and the seeds a difference needs',
  builder: (y) =>
    statsOptions(y)
      .positional('what', { choices: PLANS, describe: 'seeds: power and seed counts for the pairs near the top of each workload' })
      .positional('results', { type: 'string', array: true, describe: 'results JSON files (trials are merged, as bench report does)' })
      .option('delta', { type: 'number', describe: "a difference to plan for, in the ranked metric's unit (accuracy: points)" })
      .option('power', { type: 'number', default: 0.8, describe: 'the probability of detecting the difference' })
      .option('top', { type: 'number', default: 3, describe: 'comparisons with the best planned per workload' })
      .option('json', { type: 'boolean', default: false, describe: 'print the plan as JSON' })
      .example('$0 plan seeds results/quick.json --delta 0.5', 'seeds to separate half a point of accuracy from the best')
      .epilogue('Exit codes: 0 ok, 2 bad input.'),
  async run(args, io) {
    if (args.delta !== undefined && !(args.delta > 0)) throw new InputError(`--delta: expected a difference > 0 in the metric's unit (accuracy: points), got ${args.delta}`);
    if (!(args.power > 0 && args.power < 1)) throw new InputError(`--power: expected a probability between 0 and 1, got ${args.power}`);
    if (!(Number.isInteger(args.top) && args.top >= 1)) throw new InputError(`--top: expected a whole number >= 1, got ${args.top}`);
    const [{ loadReport }, { planSeeds }, { seedPlanTable }] = await Promise.all([import('../../report'), import('../../analysis/seed-plan'), import('../../report/seed-plan-table')]);
    const stats = statsOf(args);
    const report = loadReport(args.results, stats);
    for (const w of report.warnings) io.err(`warning: ${w}`);
    const p = planSeeds(report.trials, report.ranking, { rankBy: report.rankBy, target: report.target, ...stats, power: args.power, delta: args.delta, top: args.top });
    io.out(args.json ? JSON.stringify(p, null, 2) : seedPlanTable(p, { color: io.isTTY }));
    return 0;
  },
};

export default plan;

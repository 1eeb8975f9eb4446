/**
 * `bench status DIR`: where a Slurm run (a folder made by `bench run --slurm`) stands: each shard's
 * trials and job state, the merge job; with `--wait`, follows it to its end as `bench run --slurm
 * --wait` does and prints the merged table. It submits nothing (`bench run --resume DIR` does).
 */
import type { CommandModule } from '../command';

interface Args {
  dir: string;
  wait: boolean;
}

const status: CommandModule<Args> = {
  command: 'status <dir>',
  describe: 'Show where a Slurm run (bench run --slurm) stands; --wait follows it and prints the merged table',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', describe: 'the run folder of bench run --slurm' })
      .option('wait', { type: 'boolean', default: false, describe: 'follow the jobs until they end, one line per finished trial, then print the merged table' })
      .example('$0 status results/quick-slurm', 'shards, trials done and job states')
      .example('$0 status results/quick-slurm --wait', 'pick up the waiting that a Ctrl-C stopped')
      .epilog('Exit codes: 0 every shard complete and no job left, 1 otherwise (or a trial failed), 2 bad input.'),
  async run(args, io) {
    const { slurmStatusCommand } = await import('../slurm');
    return slurmStatusCommand(args.dir, args.wait, io);
  },
};

export default status;

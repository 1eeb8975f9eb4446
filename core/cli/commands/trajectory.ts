/** `bench trajectory`: parses the options (trajectoryOptions), calls core/report/trajectory-run.ts traceTrajectory, prints the path. */
import type { CommandModule } from '../command';
import { jsonOption, outputFileOption } from '../options';

interface Args {
  optimizer: string;
  params?: string;
  function: string;
  start: string;
  steps: number;
  json: boolean;
  svg?: string;
}

const FUNCTION_NAMES = ['quadratic', 'rosenbrock', 'beale', 'rastrigin'];

/** `bench trajectory`: an optimizer's path on a 2-D test function, on the exact cpu backend, in float32. */
const trajectory: CommandModule<Args> = {
  command: 'trajectory',
  describe: 'Run an optimizer on a 2-D test function and print its path (float32, cpu backend)',
  builder: (y) => {
    y.option('optimizer', { type: 'string', demandOption: true, describe: 'optimizer plugin name' })
      .option('params', { type: 'string', describe: 'hyper-parameters as JSON, e.g. \'{"lr":0.01}\'' })
      .option('function', { choices: FUNCTION_NAMES, default: 'rosenbrock', describe: 'test function' })
      .option('start', { type: 'string', default: '-1.5,2', describe: 'starting point x,y' })
      .option('steps', { type: 'number', default: 100, describe: 'number of optimizer steps' });
    jsonOption(y, 'print {optimizer, params, function, points, values} as JSON');
    return outputFileOption(y, 'svg', { describe: 'write a plot of the path over the contour lines to this file' })
      .example('$0 trajectory --optimizer adam --params \'{"lr":0.1}\' --function rosenbrock --start -1.5,2 --steps 200', '')
      .example('$0 trajectory --optimizer nag --function quadratic --start 1.5,1 --steps 60 --json', '');
  },
  async run(args, io) {
    const [{ trajectoryOptions }, { traceTrajectory }] = await Promise.all([import('../../train/trajectory'), import('../../report/trajectory-run')]);
    const opts = trajectoryOptions(args);
    const traj = await traceTrajectory(opts, args.svg);
    if (args.json) {
      io.out(JSON.stringify(traj));
    } else {
      io.out(`${traj.optimizer} ${JSON.stringify(traj.params)} on ${traj.function} (${opts.fn.formula}), float32:`);
      traj.points.forEach(([x, y], k) => io.out(`${String(k).padStart(5)}  x ${x.toPrecision(8).padStart(14)}  y ${y.toPrecision(8).padStart(14)}  f ${traj.values[k]!.toPrecision(8)}`));
      if (args.svg) io.out(`wrote ${args.svg}`);
    }
    return 0;
  },
};

export default trajectory;

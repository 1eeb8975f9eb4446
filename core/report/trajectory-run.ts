/**
 * `bench trajectory` as one call: an optimizer's path on a 2-D test function, traced on the exact cpu
 * backend (float32; core/train/trajectory.ts), and its plot over the contour lines written as SVG when
 * a file is given (core/report/trajectory-svg.ts). Knows nothing of the command line: the options come
 * parsed and checked (trajectoryOptions), the SVG path checked.
 */
import { useBackend } from '../backends';
import { writeFileAtomic } from '../results/document';
import { runTrajectory, type Trajectory, type TrajectoryOptions } from '../train/trajectory';
import { trajectorySvg } from './trajectory-svg';

/** Traces `opts` on the cpu backend; with `svgFile`, also writes the plot there. Returns the path. */
export async function traceTrajectory(opts: TrajectoryOptions, svgFile?: string): Promise<Trajectory> {
  await useBackend('cpu');
  const traj = runTrajectory(opts);
  if (svgFile) writeFileAtomic(svgFile, trajectorySvg(traj, opts.fn));
  return traj;
}

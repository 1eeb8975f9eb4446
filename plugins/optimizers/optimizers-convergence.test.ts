/**
 * Every optimizer reaches the minimum of the quadratic 0.5 (x^2 + 10 y^2) and of Rosenbrock, with
 * hyper-parameters suited to each (one table, optax style). Steps run on the exact cpu backend in float32.
 */
import type { Params } from '../../core/plugin/contracts';
import { useBackend } from '../../core/backends';
import { defaultParams } from '../../core/plugin/params';
import { Registry } from '../../core/plugin/registry';
import { FUNCTIONS, runTrajectory } from '../../core/train/trajectory';

interface Case {
  params: Params;
  steps: number;
  /** Largest allowed distance to the minimum after `steps`. */
  tol: number;
}

/**
 * Tolerances are 1e-3 (quadratic) and 1e-2 (Rosenbrock) except where a method is known to be slow:
 * AdaGrad's steps shrink as 1/sqrt(t) (Rosenbrock: 0.1 after 2,000 steps), AdaDelta oscillates around the
 * quadratic's minimum, and Lion moves every coordinate by exactly lr per step.
 *
 * AdaDelta's scale sqrt(a + eps) / sqrt(v + eps) tends to 1 where the gradient vanishes (both averages
 * decay), so near a minimum it is gradient descent with step lr, stable only for lr < 2 / lambda_max of
 * the Hessian there. Rosenbrock's Hessian at (1, 1) is [[802, -400], [-400, 200]], lambda_max 1001.6:
 * the minimum is unstable for every lr >= 0.002 (torch's default 1 among them), and lr 0.0019 reaches it,
 * in 5,618 steps with eps 0.1 (float32; the slow direction, lambda_min 0.4, contracts by 1 - 0.0019 * 0.4
 * a step). With eps 1e-6 the first steps are sqrt(eps)-sized: 1.2 away from it after 7,000 steps.
 * Start points: quadratic (1.5, 1); Rosenbrock (0, 0), whose minimum (1, 1) lies at the end of a curved valley. */
const TABLE: Record<string, { quadratic: Case; rosenbrock: Case }> = {
  sgd: { quadratic: { params: { lr: 0.15 }, steps: 100, tol: 1e-3 }, rosenbrock: { params: { lr: 0.001, momentum: 0.95 }, steps: 500, tol: 1e-2 } },
  momentum: { quadratic: { params: { lr: 0.05, momentum: 0.5 }, steps: 100, tol: 1e-3 }, rosenbrock: { params: { lr: 0.001, momentum: 0.95 }, steps: 500, tol: 1e-2 } },
  nag: { quadratic: { params: { lr: 0.05, momentum: 0.5 }, steps: 100, tol: 1e-3 }, rosenbrock: { params: { lr: 0.001, momentum: 0.95 }, steps: 500, tol: 1e-2 } },
  adagrad: { quadratic: { params: { lr: 0.5 }, steps: 200, tol: 1e-3 }, rosenbrock: { params: { lr: 0.2 }, steps: 2000, tol: 0.1 } },
  adadelta: {
    quadratic: { params: { lr: 2 }, steps: 300, tol: 2e-2 },
    rosenbrock: { params: { lr: 0.0019, rho: 0.9, eps: 0.1 }, steps: 7000, tol: 1e-2 },
  },
  rmsprop: { quadratic: { params: { lr: 0.02 }, steps: 200, tol: 1e-2 }, rosenbrock: { params: { lr: 0.003, alpha: 0.9, momentum: 0.9 }, steps: 400, tol: 1e-2 } },
  adam: { quadratic: { params: { lr: 0.1 }, steps: 200, tol: 1e-3 }, rosenbrock: { params: { lr: 0.05, betas: [0.9, 0.99] }, steps: 400, tol: 1e-2 } },
  adamw: { quadratic: { params: { lr: 0.1, weightDecay: 0 }, steps: 200, tol: 1e-3 }, rosenbrock: { params: { lr: 0.05, betas: [0.9, 0.99], weightDecay: 0 }, steps: 400, tol: 1e-2 } },
  adamax: { quadratic: { params: { lr: 0.1 }, steps: 200, tol: 1e-3 }, rosenbrock: { params: { lr: 0.1 }, steps: 600, tol: 1e-2 } },
  nadam: { quadratic: { params: { lr: 0.1 }, steps: 200, tol: 1e-3 }, rosenbrock: { params: { lr: 0.005, betas: [0.9, 0.99] }, steps: 2000, tol: 1e-2 } },
  lion: { quadratic: { params: { lr: 0.01, betas: [0.5, 0.9] }, steps: 300, tol: 1e-3 }, rosenbrock: { params: { lr: 0.003, betas: [0.95, 0.98] }, steps: 600, tol: 2e-2 } },
};

const registry = Registry.builtIn();

beforeAll(async () => {
  await useBackend('cpu');
});

it('the table has every discovered optimizer', () => {
  expect(registry.list('optimizer').map((p) => p.name).filter((n) => !(n in TABLE))).toEqual([]);
});

const rows = Object.entries(TABLE).flatMap(([name, t]) =>
  (['quadratic', 'rosenbrock'] as const).map((fn) => [name, fn, t[fn]] as const),
);

it.each(rows)('%s reaches the minimum of %s', (name, fn, c) => {
  const plugin = registry.get('optimizer', name)!;
  const f = FUNCTIONS[fn]!;
  const traj = runTrajectory({ optimizer: plugin, params: { ...defaultParams(plugin.params), ...c.params }, fn: f, start: fn === 'quadratic' ? [1.5, 1] : [0, 0], steps: c.steps });
  const [x, y] = traj.points[traj.points.length - 1]!;
  expect(Math.hypot(x - f.minimum[0], y - f.minimum[1])).toBeLessThan(c.tol);
});

#!/usr/bin/env python3
"""Reference trajectories from torch.optim, to check bench's optimizer plugins against PyTorch.

A dev tool, not needed at run time or in CI. It needs torch (any 2.x; checked with 2.13.0+cpu):

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install torch            # or the wheel: /opt/wheels/torch-2.13.0+cpu-...whl

Commands (run from the repository root, after `npx tsc -p tsconfig.build.json`):

    # one trajectory, same options and JSON as `bench trajectory --json`
    /tmp/torchenv/bin/python tools/torch_trajectory.py run --optimizer adam --params '{"lr":0.05}' \
        --function rosenbrock --start=-1.5,2 --steps 60 [--dtype float64|float32]

    # every case of CASES: torch (float64 and float32) against `node bin/bench.js trajectory --json`
    /tmp/torchenv/bin/python tools/torch_trajectory.py compare [--steps 60]

    # rewrite the golden file the jest tests read (plugins/optimizers/torch-trajectories.json)
    /tmp/torchenv/bin/python tools/torch_trajectory.py golden [--steps 60]

The relative error of a step is max_i |bench_i - torch_i| / max_i |torch_i| over the two coordinates
(an inf-norm relative error of the point); a case's error is the maximum over its steps.

Lion is not in torch.optim (2.13); it is implemented below from the paper's Algorithm 2 (Chen et al.,
2023), the same way as the lion-pytorch package.
"""
import argparse
import json
import math
import os
import subprocess
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, 'plugins', 'optimizers', 'torch-trajectories.json')

# The test functions, written with the same operations in the same order as core/trajectory.ts.
FUNCTIONS = {
    'quadratic': lambda x, y: (x.square() + y.square() * 10) * 0.5,
    'rosenbrock': lambda x, y: (1 - x).square() + (y - x.square()).square() * 100,
    'beale': lambda x, y: sum((c - x + x * y.pow(k)).square() for c, k in ((1.5, 1), (2.25, 2), (2.625, 3))),
    'rastrigin': lambda x, y: (x.square() - (x * (2 * math.pi)).cos() * 10) + (y.square() - (y * (2 * math.pi)).cos() * 10) + 20,
}

# Every optimizer, with non-default hyper-parameters (bench's names), on a function and start it can
# make progress on in 60 steps.
CASES = [
    ('sgd', {'lr': 0.05, 'weightDecay': 0.1}, 'quadratic', [1.5, 1.0]),
    ('sgd', {'lr': 0.0005, 'momentum': 0.8, 'dampening': 0.2}, 'rosenbrock', [-1.5, 2.0]),
    ('sgd', {'lr': 0.0005, 'momentum': 0.7, 'nesterov': True, 'weightDecay': 0.01}, 'rosenbrock', [-1.5, 2.0]),
    ('momentum', {'lr': 0.02, 'momentum': 0.8, 'dampening': 0.1}, 'quadratic', [1.5, 1.0]),
    ('nag', {'lr': 0.0004, 'momentum': 0.85}, 'rosenbrock', [-1.5, 2.0]),
    ('adagrad', {'lr': 0.5, 'lrDecay': 0.01, 'initialAccumulatorValue': 0.1, 'weightDecay': 0.01, 'eps': 1e-8}, 'rosenbrock', [-1.5, 2.0]),
    ('adadelta', {'lr': 2.0, 'rho': 0.8, 'eps': 1e-4, 'weightDecay': 0.01}, 'quadratic', [1.5, 1.0]),
    ('rmsprop', {'lr': 0.002, 'alpha': 0.9, 'eps': 1e-6, 'weightDecay': 0.01}, 'rosenbrock', [-1.5, 2.0]),
    ('rmsprop', {'lr': 0.01, 'alpha': 0.95, 'centered': True}, 'quadratic', [1.5, 1.0]),
    ('rmsprop', {'lr': 0.005, 'alpha': 0.9, 'momentum': 0.5, 'centered': True}, 'rosenbrock', [-1.5, 2.0]),
    ('adam', {'lr': 0.05, 'betas': [0.8, 0.99], 'eps': 1e-6, 'weightDecay': 0.01}, 'rosenbrock', [-1.5, 2.0]),
    ('adam', {'lr': 0.05, 'betas': [0.85, 0.95], 'amsgrad': True}, 'beale', [1.0, 1.5]),
    ('adamw', {'lr': 0.05, 'betas': [0.8, 0.99], 'weightDecay': 0.1, 'amsgrad': True}, 'rosenbrock', [-1.5, 2.0]),
    ('adamax', {'lr': 0.05, 'betas': [0.8, 0.99], 'eps': 1e-6, 'weightDecay': 0.01}, 'rosenbrock', [-1.5, 2.0]),
    ('nadam', {'lr': 0.01, 'betas': [0.8, 0.99], 'momentumDecay': 0.01, 'weightDecay': 0.01}, 'rosenbrock', [-1.5, 2.0]),
    ('nadam', {'lr': 0.05, 'betas': [0.85, 0.995], 'weightDecay': 0.1, 'decoupledWeightDecay': True}, 'quadratic', [1.5, 1.0]),
    ('lion', {'lr': 0.01, 'betas': [0.8, 0.95], 'weightDecay': 0.1}, 'rosenbrock', [-1.5, 2.0]),
]


class Lion(torch.optim.Optimizer):
    """Lion (Chen et al., 2023, Algorithm 2): w -= lr * (sign(b1 m + (1 - b1) g) + wd w); m = b2 m + (1 - b2) g."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2 = group['betas']
            for p in group['params']:
                m = self.state[p].setdefault('exp_avg', torch.zeros_like(p))
                p.mul_(1 - group['lr'] * group['weight_decay'])
                p.add_((m * b1 + p.grad * (1 - b1)).sign(), alpha=-group['lr'])
                m.mul_(b2).add_(p.grad, alpha=1 - b2)


def make_optimizer(name, params, weights):
    """The torch optimizer for a bench optimizer name and its (bench-named) hyper-parameters."""
    p = dict(params)
    rename = {'weightDecay': 'weight_decay', 'lrDecay': 'lr_decay', 'initialAccumulatorValue': 'initial_accumulator_value',
              'momentumDecay': 'momentum_decay', 'decoupledWeightDecay': 'decoupled_weight_decay'}
    kw = {rename.get(k, k): (tuple(v) if k == 'betas' else v) for k, v in p.items()}
    if name == 'sgd':
        return torch.optim.SGD(weights, **kw)
    if name == 'momentum':
        kw.setdefault('momentum', 0.9)
        kw.setdefault('lr', 0.001)
        return torch.optim.SGD(weights, **kw)
    if name == 'nag':
        kw.setdefault('momentum', 0.9)
        kw.setdefault('lr', 0.001)
        return torch.optim.SGD(weights, nesterov=True, **kw)
    classes = {'adagrad': torch.optim.Adagrad, 'adadelta': torch.optim.Adadelta, 'rmsprop': torch.optim.RMSprop,
               'adam': torch.optim.Adam, 'adamw': torch.optim.AdamW, 'adamax': torch.optim.Adamax,
               'nadam': torch.optim.NAdam, 'lion': Lion}
    return classes[name](weights, **kw)


def torch_trajectory(name, params, function, start, steps, dtype=torch.float64):
    """points[k] = position after k steps (points[0] the start), as Python floats."""
    w = torch.tensor(start, dtype=dtype, requires_grad=True)
    opt = make_optimizer(name, params, [w])
    f = FUNCTIONS[function]
    points = [w.detach().tolist()]
    for _ in range(steps):
        opt.zero_grad()
        f(w[0], w[1]).backward()
        opt.step()
        points.append(w.detach().tolist())
    return points


def bench_trajectory(name, params, function, start, steps):
    out = subprocess.run(
        ['node', os.path.join(ROOT, 'bin', 'bench.js'), 'trajectory', '--optimizer', name, '--params', json.dumps(params),
         '--function', function, f'--start={start[0]},{start[1]}', '--steps', str(steps), '--json'],
        check=True, capture_output=True, text=True)
    return json.loads(out.stdout)['points']


def max_rel_error(a, b):
    """max over steps of max_i |a_i - b_i| / max_i |b_i|."""
    worst = 0.0
    for pa, pb in zip(a, b, strict=True):
        scale = max(abs(v) for v in pb) or 1.0
        worst = max(worst, max(abs(x - y) for x, y in zip(pa, pb)) / scale)
    return worst


def case_label(name, params):
    return f"{name} {json.dumps(params, separators=(',', ':'))}"


def cmd_run(args):
    params = json.loads(args.params or '{}')
    start = [float(v) for v in args.start.split(',')]
    dtype = torch.float64 if args.dtype == 'float64' else torch.float32
    points = torch_trajectory(args.optimizer, params, args.function, start, args.steps, dtype)
    f = FUNCTIONS[args.function]
    values = [f(torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)).item() for x, y in points]
    print(json.dumps({'optimizer': args.optimizer, 'params': params, 'function': args.function, 'dtype': args.dtype,
                      'points': points, 'values': values}))


def cmd_compare(args):
    print(f'torch {torch.__version__}; {args.steps} steps; max relative error of the point over all steps')
    print(f"{'case':<92} {'function':<11} {'bench/t64':>10} {'bench/t32':>10} {'t32/t64':>10}  final torch64 point")
    worst = 0.0
    for name, params, function, start in CASES:
        if args.only and name not in args.only.split(','):
            continue
        t64 = torch_trajectory(name, params, function, start, args.steps, torch.float64)
        t32 = torch_trajectory(name, params, function, start, args.steps, torch.float32)
        b = bench_trajectory(name, params, function, start, args.steps)
        e64, e32, e3264 = max_rel_error(b, t64), max_rel_error(b, t32), max_rel_error(t32, t64)
        worst = max(worst, e64)
        end = ', '.join(f'{v:.6g}' for v in t64[-1])
        print(f'{case_label(name, params):<92} {function:<11} {e64:10.2e} {e32:10.2e} {e3264:10.2e}  ({end})')
    print(f'worst bench vs torch float64: {worst:.2e} ({"within" if worst <= args.tolerance else "ABOVE"} {args.tolerance:g})')
    return 0 if worst <= args.tolerance else 1


def cmd_golden(args):
    cases = []
    for name, params, function, start in CASES:
        cases.append({'optimizer': name, 'params': params, 'function': function, 'start': start,
                      'points': torch_trajectory(name, params, function, start, args.steps, torch.float64)})
    doc = {
        'producedBy': f'tools/torch_trajectory.py golden --steps {args.steps} (torch {torch.__version__}, float64)',
        'steps': args.steps,
        'cases': cases,
    }
    with open(GOLDEN, 'w') as fh:
        json.dump(doc, fh, indent=1)
        fh.write('\n')
    print(f'wrote {len(cases)} trajectories to {os.path.relpath(GOLDEN, ROOT)}')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    r = sub.add_parser('run')
    r.add_argument('--optimizer', required=True)
    r.add_argument('--params')
    r.add_argument('--function', default='rosenbrock', choices=sorted(FUNCTIONS))
    r.add_argument('--start', default='-1.5,2')
    r.add_argument('--steps', type=int, default=100)
    r.add_argument('--dtype', default='float64', choices=['float64', 'float32'])
    c = sub.add_parser('compare')
    c.add_argument('--steps', type=int, default=60)
    c.add_argument('--tolerance', type=float, default=1e-5)
    c.add_argument('--only', help='comma-separated optimizer names')
    g = sub.add_parser('golden')
    g.add_argument('--steps', type=int, default=60)
    args = ap.parse_args()
    return {'run': cmd_run, 'compare': cmd_compare, 'golden': cmd_golden}[args.cmd](args) or 0


if __name__ == '__main__':
    sys.exit(main())

/**
 * Planning a search without training: `bench validate` counts search and final trials, checks every
 * space dimension against the optimizer's parameter schema (a suite-level dimension applies to the
 * optimizers that have that parameter), the default search seed is not a final seed, a search seed
 * among the final seeds is warned of, and every trial names the suite entry it belongs to.
 */
import * as path from 'node:path';
import { cli, inputErrorOf, tempWriter } from '../../test/helpers';
import { loadSuite } from '../suite/load';
import { planSearch } from './run';

const { write } = tempWriter('bench-search-plan-');
const base = { name: 't', models: ['linear-784'], datasets: ['mnist'], seeds: [1, 2], epochs: 2, validationFraction: 0.1 };
const QUICK = path.join(__dirname, '../../suites/tuning-quick.json');

/** The README's tuning example before it was fixed: `beta2` is no parameter of any optimizer (adam has `betas`). */
const OLD_README_SEARCH = {
  space: { lr: { logUniform: [1e-4, 1] }, momentum: { choice: [0, 0.9] }, beta2: { uniform: [0.9, 0.9999] } },
  strategy: 'quasirandom',
  budget: { configs: 6 },
  metric: 'valAccuracy',
  epochs: 1,
  seeds: [1, 2],
  searchSeed: 0,
};

describe('bench validate plans the search', () => {
  it('counts search and final trials, per tuned entry', async () => {
    const r = await cli('validate', QUICK);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        `${QUICK}: valid suite "tuning-quick": 24 search trials + 8 final trials`,
        '  sgd: 6 quasirandom configurations of lr on search seed 0 for 1 epoch, the best rerun on seeds 1, 2',
        '  sgd-momentum: 6 quasirandom configurations of lr on search seed 0 for 1 epoch, the best rerun on seeds 1, 2',
        '  rmsprop: 6 quasirandom configurations of lr on search seed 0 for 1 epoch, the best rerun on seeds 1, 2',
        '  adam: 6 quasirandom configurations of lr on search seed 0 for 1 epoch, the best rerun on seeds 1, 2',
      ].join('\n'),
    );
    // Own blocks, an untuned entry (final trials as written), an entry's own seeds.
    const f = write('own.json', {
      ...base,
      optimizers: [
        { name: 'sgd', label: 'sgd', search: { space: { lr: [0.0001, 0.01, 0.5] }, strategy: 'grid', budget: { configs: 3 } } },
        { name: 'adam', search: { space: { lr: { logUniform: [1e-4, 1e-1] } }, budget: { configs: 2 }, seeds: [5], epochs: 1 } },
        { name: 'sgd', params: { lr: 0.05 } },
      ],
    });
    const own = await cli('validate', f);
    expect(own.out).toBe(
      [
        `${f}: valid suite "t": 5 search trials + 5 final trials`,
        '  sgd: 3 grid configurations of lr on search seed 0 for 2 epochs, the best rerun on seeds 1, 2',
        '  adam: 2 quasirandom configurations of lr on search seed 0 for 1 epoch, the best rerun on seed 5',
        '  sgd(lr=0.05): untuned, on seeds 1, 2',
      ].join('\n'),
    );
  });

  it("refuses the README's old example: a dimension that is a parameter of none of the optimizers it tunes", async () => {
    const adam = write('adam.json', { ...base, optimizers: ['adam'], search: OLD_README_SEARCH });
    const onlyAdam = await cli('validate', adam);
    expect(onlyAdam.code).toBe(2);
    expect(onlyAdam.err).toBe(
      `bench: ${adam}: not a valid suite (2 problems)\n` +
        '  $.search.space.momentum: "momentum" is not a parameter of adam (its parameters: lr, betas, eps, weightDecay, amsgrad)\n' +
        '  $.search.space.beta2: "beta2" is not a parameter of adam (its parameters: lr, betas, eps, weightDecay, amsgrad; did you mean "betas"?)',
    );
    // Suite level over sgd and adam: momentum applies to sgd; beta2 to neither.
    const both = write('both.json', { ...base, optimizers: ['sgd', 'adam'], search: OLD_README_SEARCH });
    const r = await cli('validate', both);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `bench: ${both}: not a valid suite (1 problem)\n` +
        '  $.search.space.beta2: "beta2" is not a parameter of sgd or adam ' +
        '(sgd: lr, momentum, dampening, nesterov, weightDecay; adam: lr, betas, eps, weightDecay, amsgrad; did you mean "betas"?)',
    );
  });

  it('checks every dimension against the parameter schema, with its JSON path', async () => {
    const f = write('bounds.json', {
      ...base,
      optimizers: [
        {
          name: 'sgd',
          search: {
            space: {
              lr: { logUniform: [1, 1e-4] },
              momentum: { choice: [0, -0.5] },
              dampening: { uniform: [0, 2] },
              nesterov: { uniform: [0, 1] },
              weightDecay: [0, 'a lot'],
            },
          },
        },
        'adam',
        'nag',
      ],
      search: { space: { momentum: [0.5, 0.9] } },
    });
    const r = await cli('validate', f);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `bench: ${f}: not a valid suite (6 problems)\n` +
        '  $.optimizers[0].search.space.lr.logUniform: expected [low, high] with low < high\n' +
        '  $.optimizers[0].search.space.momentum.choice[1]: -0.5 is not a valid momentum of sgd (must be >= 0)\n' +
        '  $.optimizers[0].search.space.dampening.uniform[1]: 2 is not a valid dampening of sgd (must be <= 1)\n' +
        '  $.optimizers[0].search.space.nesterov: a uniform range needs a number parameter, and nesterov of sgd is a boolean; give a list or {"choice": [...]}\n' +
        '  $.optimizers[0].search.space.weightDecay[1]: "a lot" is not a valid weightDecay of sgd (must be number)\n' +
        '  $.optimizers[1]: no dimension of $.search.space (momentum) is a parameter of adam; give it its own "search" block',
    );
  });

  it('applies a suite-level dimension to the optimizers that have that parameter', () => {
    const f = write('mixed.json', {
      ...base,
      optimizers: ['sgd', 'adam'],
      search: {
        space: { lr: [0.01, 0.1], momentum: [0, 0.9], betas: { choice: [[0.9, 0.999], [0.9, 0.99]] } },
        strategy: 'grid',
        budget: { configs: 4 },
      },
    });
    const plan = planSearch(loadSuite(f));
    const varied = (name: string, keys: string[]) =>
      plan.suite.trials.filter((t) => t.config.optimizer.name === name).map((t) => keys.map((k) => t.config.optimizer.params[k]));
    expect(varied('sgd', ['lr', 'momentum'])).toEqual([
      [0.01, 0],
      [0.01, 0.9],
      [0.1, 0],
      [0.1, 0.9],
    ]);
    // The grid crosses the dimensions in name order: betas, then lr.
    expect(varied('adam', ['lr', 'betas'])).toEqual([
      [0.01, [0.9, 0.999]],
      [0.1, [0.9, 0.999]],
      [0.01, [0.9, 0.99]],
      [0.1, [0.9, 0.99]],
    ]);
    expect(plan.settings.map((s) => Object.keys(s!.space))).toEqual([
      ['lr', 'momentum'],
      ['lr', 'betas'],
    ]);
  });

  it('names the suite entry of every search trial, so two entries of one plugin are told apart', () => {
    const plan = planSearch(loadSuite(QUICK));
    expect(plan.suite.trials.map((t) => t.entry)).toEqual([
      ...Array(6).fill('sgd'),
      ...Array(6).fill('sgd-momentum'),
      ...Array(6).fill('rmsprop'),
      ...Array(6).fill('adam'),
    ]);
    const unlabelled = write('unlabelled.json', { ...base, optimizers: ['sgd', { name: 'sgd', params: { momentum: 0.9 } }], search: { space: { lr: [0.01, 0.1] }, strategy: 'grid', budget: { configs: 2 } } });
    expect(planSearch(loadSuite(unlabelled)).suite.trials.map((t) => [t.entry, t.label])).toEqual([
      ['sgd', 'sgd(lr=0.01)'],
      ['sgd', 'sgd(lr=0.1)'],
      ['sgd(momentum=0.9)', 'sgd(momentum=0.9,lr=0.01)'],
      ['sgd(momentum=0.9)', 'sgd(momentum=0.9,lr=0.1)'],
    ]);
    // Entries are told apart by label, so a tuning suite's labels are distinct.
    const dup = write('dup.json', { ...base, optimizers: [{ name: 'sgd', label: 'x' }, { name: 'adam', label: 'x' }], search: { space: { lr: [0.01] }, budget: { configs: 1 } } });
    expect(inputErrorOf(() => planSearch(loadSuite(dup)))).toBe(
      `${dup}: not a valid suite (1 problem)\n  $.optimizers[1]: its label "x" is also $.optimizers[0]'s; the entries of a tuning suite need distinct labels (each trial records its entry by label)`,
    );
  });
});

describe('the search seed', () => {
  const one = { space: { lr: [0.01] }, budget: { configs: 1 } };
  const seedsOf = (spec: object) => [...new Set(planSearch(loadSuite(write('seed.json', { ...base, optimizers: ['sgd'], ...spec }))).suite.trials.map((t) => t.seed))];

  it('defaults to the smallest seed that is not a final seed', () => {
    expect(seedsOf({ search: one })).toEqual([0]);
    expect(seedsOf({ seeds: [0, 1, 2], search: one })).toEqual([3]);
    // The final seeds are the search block's when it sets them.
    expect(seedsOf({ seeds: [1], search: { ...one, seeds: [0, 2] } })).toEqual([1]);
  });

  it('is warned of (not refused) when it is one of the final seeds', async () => {
    const f = write('same.json', { ...base, optimizers: ['sgd', { name: 'adam', search: { seeds: [3], searchSeed: 3 } }], search: { ...one, searchSeed: 2 } });
    const r = await cli('validate', f);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      [
        'warning: $.search.searchSeed: 2 is one of the final seeds (1, 2): the final trial on seed 2 retrains the chosen search trial, ' +
          'which biases the tuned mean upward; leave searchSeed out (default: the smallest seed not among the final seeds, here 0) or choose another',
        'warning: $.optimizers[1].search.searchSeed: 3 is one of the final seeds (3): the final trial on seed 3 retrains the chosen search trial, ' +
          'which biases the tuned mean upward; leave searchSeed out (default: the smallest seed not among the final seeds, here 0) or choose another',
      ].join('\n'),
    );
  });
});

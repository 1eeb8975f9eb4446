import type { CommandModule } from '../command';
import { METRIC_NAMES, type MetricName } from '../../compare/metrics';

interface Args {
  baseline: string;
  current: string;
  metric?: MetricName[];
  maxSlowdown: string;
  maxAccuracyDrop: number;
  maxLossIncrease: string;
  alpha: number;
  format: 'table' | 'markdown' | 'json';
  allowEnvMismatch: boolean;
  rawTimes: boolean;
  nonInferiority?: number;
}

const compare: CommandModule<Args> = {
  command: 'compare <baseline> <current>',
  describe: 'Regression gate: compare a results (or micro results) file with a baseline; exit 1 on a significant regression',
  builder: (y) =>
    y
      .positional('baseline', { type: 'string', describe: 'baseline results JSON (e.g. from main)' })
      .positional('current', { type: 'string', describe: 'current results JSON' })
      .option('metric', { type: 'array', choices: METRIC_NAMES, describe: 'metrics to compare (default testAccuracy and trainSeconds; micro: meanMs)' })
      .option('max-slowdown', { type: 'string', default: '10%', describe: 'largest slowdown of a time or throughput that passes' })
      .option('max-accuracy-drop', { type: 'number', default: 0.5, describe: 'largest test-accuracy drop that passes, in percentage points' })
      .option('max-loss-increase', { type: 'string', default: '10%', describe: 'largest relative test-loss increase that passes' })
      .option('alpha', { type: 'number', default: 0.05, describe: "significance level of Welch's t-test over the seeds" })
      .option('format', { choices: ['table', 'markdown', 'json'] as const, default: 'table' as const, describe: 'markdown: for a PR comment or $GITHUB_STEP_SUMMARY' })
      .option('allow-env-mismatch', { type: 'boolean', default: false, describe: 'compare runs from different backends or CPU models' })
      .option('raw-times', { type: 'boolean', default: false, describe: 'do not divide times by the machine-speed calibration' })
      .option('non-inferiority', {
        type: 'number',
        describe: 'pass an accuracy only when the seeds show it is not worse than the baseline by D points or more (one-sided test, paired where seeds match); replaces --max-accuracy-drop',
      })
      .example('$0 compare results/baselines/ci-gate.json /tmp/current.json', 'gate on accuracy and calibrated train time')
      .example('$0 compare base.json pr.json --max-slowdown 25% --format markdown >> $GITHUB_STEP_SUMMARY', '')
      .example('$0 compare base.json pr.json --non-inferiority 0.5', 'fail unless the accuracy is shown within 0.5 points of the baseline')
      .epilogue('Exit codes: 0 no regression, 1 regression (or an accuracy not shown non-inferior), 2 bad input or files that cannot be compared.'),
  async run(args, io) {
    const { loadComparable, compareFiles, exitCodeOf, formatJson, formatMarkdown, formatTable, parsePercent } = await import('../../compare');
    const { InputError } = await import('../../util/errors');
    if (!(args.maxAccuracyDrop >= 0)) throw new InputError(`--max-accuracy-drop: expected a number of percentage points >= 0 (got ${args.maxAccuracyDrop})`);
    if (!(args.alpha > 0 && args.alpha < 1)) throw new InputError(`--alpha: expected a number between 0 and 1 (got ${args.alpha})`);
    if (args.nonInferiority !== undefined && !(args.nonInferiority >= 0)) {
      throw new InputError(`--non-inferiority: expected a number of percentage points >= 0 (got ${args.nonInferiority})`);
    }
    const comparison = compareFiles(loadComparable(args.baseline), loadComparable(args.current), {
      metrics: args.metric,
      maxSlowdown: parsePercent(args.maxSlowdown, '--max-slowdown'),
      maxAccuracyDrop: args.maxAccuracyDrop,
      maxLossIncrease: parsePercent(args.maxLossIncrease, '--max-loss-increase'),
      alpha: args.alpha,
      allowEnvMismatch: args.allowEnvMismatch,
      rawTimes: args.rawTimes,
      nonInferiority: args.nonInferiority,
    });
    if (args.format === 'json') io.out(formatJson(comparison));
    else if (args.format === 'markdown') io.out(formatMarkdown(comparison));
    else io.out(formatTable(comparison, { color: io.isTTY }));
    return exitCodeOf(comparison);
  },
};

export default compare;

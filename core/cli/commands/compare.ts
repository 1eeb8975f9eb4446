/** `bench compare`: parses the thresholds, calls core/compare compareFiles on the two files, prints the verdict. */
import { METRIC_NAMES, type MetricName, parsePercent } from '../../compare/metrics';
import { InputError } from '../../util/errors';
import type { CommandModule } from '../command';
import { checkedOption } from '../options';

interface Args {
  baseline: string;
  current: string;
  metric?: MetricName[];
  /** A fraction: the text given ("10%") parsed by the option's check, as is maxLossIncrease. */
  maxSlowdown: number;
  maxAccuracyDrop: number;
  maxLossIncrease: number;
  alpha: number;
  format: 'table' | 'markdown' | 'json';
  allowEnvMismatch: boolean;
  rawTimes: boolean;
  nonInferiority?: number;
}

const compare: CommandModule<Args> = {
  command: 'compare <baseline> <current>',
  describe: 'Regression gate: compare a results (or micro results) file with a baseline; exit 1 on a significant regression',
  builder: (y) => {
    y.positional('baseline', { type: 'string', describe: 'baseline results JSON (e.g. from main)' })
      .positional('current', { type: 'string', describe: 'current results JSON' })
      .option('metric', { type: 'array', choices: METRIC_NAMES, describe: 'a metric to compare, repeated for several (default testAccuracy and trainSeconds; micro: meanMs)' });
    checkedOption(y, 'max-slowdown', { type: 'string', default: '10%', describe: 'largest slowdown of a time or throughput that passes' }, (v, flag) => parsePercent(String(v), flag));
    checkedOption(y, 'max-accuracy-drop', { type: 'number', default: 0.5, describe: 'largest test-accuracy drop that passes, in percentage points' }, (v, flag) => {
      if (!((v as number) >= 0)) throw new InputError(`${flag}: expected a number of percentage points >= 0 (got ${String(v)})`);
    });
    checkedOption(y, 'max-loss-increase', { type: 'string', default: '10%', describe: 'largest relative test-loss increase that passes' }, (v, flag) => parsePercent(String(v), flag));
    checkedOption(y, 'alpha', { type: 'number', default: 0.05, describe: "significance level of Welch's t-test over the seeds" }, (v, flag) => {
      if (!((v as number) > 0 && (v as number) < 1)) throw new InputError(`${flag}: expected a number between 0 and 1 (got ${String(v)})`);
    });
    checkedOption(
      y,
      'non-inferiority',
      {
        type: 'number',
        describe: 'pass an accuracy only when the seeds show it is not worse than the baseline by D points or more (one-sided test, paired where seeds match); replaces --max-accuracy-drop',
      },
      (v, flag) => {
        if (v !== undefined && !((v as number) >= 0)) throw new InputError(`${flag}: expected a number of percentage points >= 0 (got ${String(v)})`);
      },
    );
    return y
      .option('format', { choices: ['table', 'markdown', 'json'] as const, default: 'table' as const, describe: 'markdown: for a PR comment or $GITHUB_STEP_SUMMARY' })
      .option('allow-env-mismatch', { type: 'boolean', default: false, describe: 'compare runs from different backends or CPU models' })
      .option('raw-times', { type: 'boolean', default: false, describe: 'do not divide times by the machine-speed calibration' })
      .example('$0 compare results/baselines/ci-gate.json /tmp/current.json', 'gate on accuracy and calibrated train time')
      .example('$0 compare base.json pr.json --max-slowdown 25% --format markdown >> $GITHUB_STEP_SUMMARY', '')
      .example('$0 compare base.json pr.json --non-inferiority 0.5', 'fail unless the accuracy is shown within 0.5 points of the baseline')
      .epilogue('Exit codes: 0 no regression, 1 regression (or an accuracy not shown non-inferior), 2 bad input or files that cannot be compared.');
  },
  async run(args, io) {
    const { loadComparable, compareFiles, exitCodeOf, formatJson, formatMarkdown, formatTable } = await import('../../compare');
    const comparison = compareFiles(loadComparable(args.baseline), loadComparable(args.current), {
      metrics: args.metric,
      maxSlowdown: args.maxSlowdown,
      maxAccuracyDrop: args.maxAccuracyDrop,
      maxLossIncrease: args.maxLossIncrease,
      alpha: args.alpha,
      allowEnvMismatch: args.allowEnvMismatch,
      rawTimes: args.rawTimes,
      nonInferiority: args.nonInferiority,
    });
    if (args.format === 'json') io.out(formatJson(comparison));
    else if (args.format === 'markdown') io.out(formatMarkdown(comparison));
    else io.out(formatTable(comparison, { color: io.color === true }));
    return exitCodeOf(comparison);
  },
};

export default compare;

/**
 * `bench compare`: the CI regression gate. Load two files (results or micro results), compare them
 * configuration by configuration, render the comparison.
 */
export { type Comparable, type Entry, loadComparable } from './load';
export { type CompareOptions, type Comparison, type ComparisonRow, compareFiles, exitCodeOf, type Verdict } from './compare';
export { formatJson, formatMarkdown, formatTable } from './format';
export { METRIC_NAMES, type MetricName, parsePercent, type Thresholds } from './metrics';

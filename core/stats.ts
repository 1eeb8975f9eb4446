/**
 * Summary statistics over seeds. A mean is never reported alone: it comes with its sample standard
 * deviation and count. Computed with simple-statistics.
 */
import { max, mean, median, min, sampleStandardDeviation } from 'simple-statistics';

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 when n = 1. */
  sd: number;
  median: number;
  min: number;
  max: number;
}

/** Summary of `values`, or undefined when there are none. */
export function summarize(values: number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  return {
    n: values.length,
    mean: mean(values),
    sd: values.length > 1 ? sampleStandardDeviation(values) : 0,
    median: median(values),
    min: min(values),
    max: max(values),
  };
}

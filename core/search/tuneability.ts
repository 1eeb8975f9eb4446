/**
 * Tuneability: the expected best validation score as a function of the number of configurations tried,
 * "Show Your Work" (Dodge et al., EMNLP 2019, eq. 1). With the N search scores sorted ascending,
 * v(1) <= ... <= v(N), and n configurations drawn from them uniformly with replacement,
 *
 *   E[max of n] = sum_i v(i) * ((i/N)^n - ((i-1)/N)^n).
 *
 * For a metric where lower is better (valLoss) it is the expected minimum (the same formula on -v).
 * A curve that rises fast means an optimizer that needs little tuning.
 */

/** Expected best of n = 1..N of `scores` (higher is better unless `lowerIsBetter`). */
export function expectedBest(scores: readonly number[], lowerIsBetter = false): number[] {
  const sign = lowerIsBetter ? -1 : 1;
  const v = scores.map((s) => sign * s).sort((a, b) => a - b);
  const N = v.length;
  const curve: number[] = [];
  for (let n = 1; n <= N; n++) {
    let e = 0;
    for (let i = 1; i <= N; i++) e += v[i - 1]! * ((i / N) ** n - ((i - 1) / N) ** n);
    curve.push(sign * e);
  }
  return curve;
}

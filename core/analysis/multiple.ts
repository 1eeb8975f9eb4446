/**
 * Multiple-comparison control. A rank group asks k - 1 questions at once ("is this configuration
 * worse than the best?"); at alpha 0.05 each, 7 comparisons of 8 optimizers would call a noisy one
 * significant with a probability near 1 - 0.95^7 = 30%. Holm's step-down procedure (Holm, "A simple
 * sequentially rejective multiple test procedure", Scand. J. Statist. 6, 1979) keeps the family-wise
 * error rate at alpha and rejects at least what Bonferroni's would:
 *
 *   sort the m raw p-values p(1) <= ... <= p(m); the adjusted p(i) = max over j <= i of min(1, (m - j + 1) p(j)),
 *
 * and a hypothesis is rejected when its adjusted p is below alpha. Agrees with
 * statsmodels.stats.multitest.multipletests(p, method="holm")[1]. `none` leaves each p as it is
 * (every comparison at alpha on its own). Numbers in, numbers out.
 */

/** How the comparisons of a family are adjusted. */
export type Correction = 'holm' | 'none';

/** Holm's adjusted p-values, in the order of `p`. */
export function holmAdjust(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([v, i], j) => {
    running = Math.max(running, Math.min(1, (m - j) * v));
    adjusted[i] = running;
  });
  return adjusted;
}

/** The p-values of a family adjusted by `correction`, in the order given. */
export function adjustPValues(p: readonly number[], correction: Correction): number[] {
  return correction === 'holm' ? holmAdjust(p) : [...p];
}

/** The per-comparison level the strictest comparison of a family of `m` is held to: alpha / m (Holm's first step), or alpha. */
export function strictestLevel(alpha: number, m: number, correction: Correction): number {
  return correction === 'holm' ? alpha / Math.max(1, m) : alpha;
}

/** The footnote's words for a correction. */
export function describeCorrection(correction: Correction): string {
  return correction === 'holm'
    ? "p values are Holm-adjusted over each rank group's comparisons (family-wise error rate at alpha)"
    : 'p values are not adjusted for multiple comparisons (each comparison at alpha on its own)';
}

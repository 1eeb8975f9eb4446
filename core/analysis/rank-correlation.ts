/**
 * Kendall's tau-b, the rank correlation of two orderings of the same items (Kendall, "The treatment of
 * ties in ranking problems", Biometrika 33, 1945): over the n0 = n(n - 1)/2 pairs, C concordant (both
 * orderings agree on which is larger), D discordant, n1 and n2 the pairs tied in x and in y,
 *
 *   tau_b = (C - D) / sqrt((n0 - n1) (n0 - n2)),
 *
 * 1 for the same order, -1 for the reverse; scipy.stats.kendalltau's default. Counted over all pairs
 * (O(n²): the searches it compares have tens of configurations). Numbers in, a number out.
 */

/** Kendall's tau-b of `x` and `y` (see the module comment); undefined below two items or where either does not vary. */
export function kendallTauB(x: readonly number[], y: readonly number[]): number | undefined {
  if (x.length !== y.length) throw new RangeError(`kendallTauB: ${x.length} values against ${y.length}`);
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = Math.sign(x[j]! - x[i]!) * Math.sign(y[j]! - y[i]!);
      if (x[j] === x[i]) tiedX++;
      if (y[j] === y[i]) tiedY++;
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedX) * (pairs - tiedY));
  return denominator > 0 ? (concordant - discordant) / denominator : undefined;
}

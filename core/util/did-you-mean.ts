/** Suggestions for a misspelt name (a plugin, model, dataset, parameter): knows nothing of what the names are. */
import { closest, distance } from 'fastest-levenshtein';

/** ` (did you mean "x"?)` when a known name is close to `name`, else ''. */
export function didYouMean(name: string, known: string[]): string {
  if (known.length === 0) return '';
  const best = closest(name, known);
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

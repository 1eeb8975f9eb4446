/**
 * The results schema documents every field a ranking entry can carry: each key of a ranking made with
 * every statistic (paired, Wilcoxon and Welch tests, intervals, the test set, time-to-target) is a
 * property of its schema definition with a description, so docs/results-schema.md and the schema
 * cannot fall behind the code unnoticed.
 */
import schema from '../schemas/results.schema.json';
import { makeTrial, seeds } from '../../test/fixtures/make-trial';
import { rankConfigurations } from './ranking';

type Definition = { properties: Record<string, { description?: string; $ref?: string }> };
const definitions = (schema as unknown as { definitions: Record<string, Definition> }).definitions;

/** Keys of `value` missing from the definition, or there without a description (references aside). */
function undocumented(value: object, def: Definition): string[] {
  return Object.keys(value).filter((k) => !def.properties[k] || (!def.properties[k]!.description && !def.properties[k]!.$ref && !['rank', 'configId', 'label', 'model', 'dataset', 'trials', 'ok', 'diverged', 'failed', 'timeout', 'n', 'mean', 'sd', 'median', 'min', 'max'].includes(k)));
}

test('every field of a ranking entry, its summaries, its test and its test set is in the schema with a description', () => {
  const target = { metric: 'valAccuracy' as const, value: 0.6 };
  const r = rankConfigurations(
    [
      ...seeds('a', [0.9, 0.92, 0.91]),
      ...seeds('b', [0.89, 0.9, 0.9]),
      ...[0.8, 0.81, 0.79].map((v, i) => makeTrial({ config: 'c', seed: i + 5, testAccuracy: v })),
      makeTrial({ config: 'd', seed: 1, status: 'failed' }),
    ],
    { target },
  );
  expect(r[1]!.vsBest!.test).toBe('paired-t');
  expect(r[2]!.vsBest!.test).toBe('welch');
  for (const e of r) {
    expect(undocumented(e, definitions.rankEntry!)).toEqual([]);
    for (const s of [e.testAccuracy, e.trainSeconds, e.samplesPerSecond, e.timeToTarget?.seconds]) if (s) expect(undocumented(s, definitions.summary!)).toEqual([]);
    if (e.vsBest) expect(undocumented(e.vsBest, definitions.welch!)).toEqual([]);
    if (e.testSet) expect(Object.keys(e.testSet).filter((k) => !(definitions.rankEntry!.properties.testSet as unknown as Definition).properties[k])).toEqual([]);
  }
});

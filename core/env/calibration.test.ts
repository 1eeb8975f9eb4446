/**
 * The machine-speed calibration probe on wasm: exactly the steps asked, no leaked tensor, and a record
 * the results schema accepts.
 */
import { useBackend } from '../backends';
import { calibrate, PROBE_NAME } from './calibration';
import { resultsProblems } from '../results/document';
import { fabricateResults } from '../../test/fabricate';
import * as tf from '../tf';

describe('machine-speed calibration', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('times the fixed probe for exactly the steps asked, leaks no tensor, and fits the results schema', async () => {
    const before = tf.memory().numTensors;
    const c = await calibrate({ time: 0, iterations: 3, warmupTime: 0, warmupIterations: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(c.probe).toBe(PROBE_NAME);
    expect(c.backend).toBe('wasm');
    expect(c.samples).toBe(3);
    expect(c.meanMs).toBeGreaterThan(0);
    expect(c.medianMs).toBeGreaterThan(0);
    expect(c.opsPerSecond).toBeCloseTo(1000 / c.meanMs, 9);
    expect(Number.isFinite(c.rme)).toBe(true);
    const doc = fabricateResults();
    doc.environment.calibration = c;
    expect(resultsProblems(doc)).toEqual([]);
  });
});

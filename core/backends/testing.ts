/**
 * For tests: the engine the engine-dependent tests run on, from $BENCH_TEST_BACKEND (`tensorflow`,
 * `wasm`, `cpu`; default `auto`), so CI can run the suite once per engine. Tests that pin exact numbers
 * keep using the cpu backend.
 */
import { BACKEND_CHOICES, type BackendChoice } from './choices';
import { nativeCandidates } from './engine';

export function testBackend(): BackendChoice {
  const v = process.env.BENCH_TEST_BACKEND ?? 'auto';
  if (!(BACKEND_CHOICES as readonly string[]).includes(v)) throw new Error(`BENCH_TEST_BACKEND=${v}: expected one of ${BACKEND_CHOICES.join(', ')}`);
  return v as BackendChoice;
}

/** Whether a native build or package with its binding is installed (it may still fail to load). */
export function nativeInstalled(): boolean {
  return nativeCandidates().some((c) => c.entry !== undefined);
}

/**
 * The one place the harness and plugins import TensorFlow.js from. `@tensorflow/tfjs` registers the
 * gradients and the cpu backend; the native and wasm backends register themselves into the same
 * tfjs-core when core/backends loads them.
 */
export * from '@tensorflow/tfjs';

/** Backend names the CLI accepts; kept apart from the loaders so that parsing options loads no tfjs. */
export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

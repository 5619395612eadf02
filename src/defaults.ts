/** Defaults of a fit, kept apart from fit.ts so that reading them does not load TensorFlow.js. */
export const DEFAULT_SEED = 1;
export const DEFAULT_MAX_SECONDS = 300;

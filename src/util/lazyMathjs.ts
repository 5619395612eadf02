import { createRequire } from 'node:module';
import type { MathJsInstance } from 'mathjs';

/**
 * mathjs as the built package loads it. mathjs's ES module entry creates
 * every one of its functions while it loads, about a second of each start;
 * the bundle it ships for browsers (UMD, the same version and code) creates
 * each function the first time it is used. The build (scripts/build.js)
 * sends every `import ... from 'mathjs'` here, but for the private instance
 * of model/safeMath.ts (built with `create` from factories, which the bundle
 * does not export), so the sources, the tests and tsx keep the ES module
 * entry while the package starts fast. Only the functions calu's sources
 * import are forwarded.
 */
const math = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathJsInstance;

type Forwarded = 'parse' | 'evaluate' | 'compile' | 'reviver';

/** A function that looks up mathjs's own when called, so that it is created only if used. */
function forward<K extends Forwarded>(name: K): MathJsInstance[K] {
  return ((...args: unknown[]) => (math[name] as unknown as (...a: unknown[]) => unknown)(...args)) as MathJsInstance[K];
}

export const parse = forward('parse');
export const evaluate = forward('evaluate');
export const compile = forward('compile');
export const reviver = forward('reviver');

import type { Emitter } from './emitter.ts';

/** A mathjs function definition, f(x1, x2) = ..., which math.evaluate defines as it reads it. */
export const mathjs: Emitter = {
  prelude: '',
  // A function may not take the name of a constant or of a function the formula calls.
  reserved: new Set(['pi', 'e', 'E', 'PI', 'i', 'Infinity', 'NaN', 'sqrt', 'abs', 'exp', 'log', 'end', 'to', 'in', 'and', 'or', 'not', 'xor', 'mod']),
  comment: (text) => `# ${text}`,
  fn: (name, params, node) => `${name}(${params.join(', ')}) = ${node.toString({ parenthesis: 'keep', implicit: 'hide' })}\n`,
};

import type { Emitter } from './emitter.ts';
import { symbolLatex, toLatex } from '../latex.ts';

/** The formula as a LaTeX equation, f(x_{1}, x_{2}) = ..., from the same tree as calu's other LaTeX. */
export const latex: Emitter = {
  prelude: '',
  reserved: new Set(),
  comment: (text) => `% ${text}`,
  fn: (name, params, node) => `${symbolLatex(name)}(${params.map(symbolLatex).join(', ')}) = ${toLatex(node)}\n`,
};

import type { Emitter } from './emitter.ts';
import { printExpression, type Dialect } from './printer.ts';

/**
 * Julia: pi is its exact irrational; an integer base of a power is a float
 * (for integers 2^-1 is an error and 10^20 overflows), while integer
 * exponents stay integers, so x^2 multiplies exactly.
 */
const dialect: Dialect = {
  number: (v) => String(v),
  integerBase: (text) => `${text}.0`,
  constant: (name) => (name === 'pi' ? 'pi' : 'Base.MathConstants.e'),
  call: (name, args) => `${name}(${args.join(', ')})`,
  power: '^',
};

const KEYWORDS = [
  'baremodule', 'begin', 'break', 'catch', 'const', 'continue', 'do', 'else', 'elseif', 'end', 'export', 'false', 'finally', 'for',
  'function', 'global', 'if', 'import', 'in', 'isa', 'let', 'local', 'macro', 'module', 'public', 'quote', 'return', 'struct', 'true',
  'try', 'using', 'where', 'while',
];

export const julia: Emitter = {
  prelude: '',
  reserved: new Set([...KEYWORDS, 'pi', 'Base', 'sqrt', 'abs', 'exp', 'log']),
  comment: (text) => `# ${text}`,
  fn: (name, params, node, names) => `function ${name}(${params.join(', ')})\n    return ${printExpression(node, dialect, names)}\nend\n`,
};

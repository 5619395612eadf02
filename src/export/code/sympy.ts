import type { Emitter } from './emitter.ts';
import { PYTHON_KEYWORDS } from './emitter.ts';
import { printExpression, type Dialect } from './printer.ts';

/**
 * SymPy, exact throughout: pi and E are symbols, and an integer among
 * plain numbers is a sympy.Integer, so 3/2 stays the rational 3/2 instead
 * of becoming the float Python computes.
 */
const dialect: Dialect = {
  number: (v) => String(v),
  numericInteger: (text) => `sympy.Integer(${text})`,
  constant: (name) => (name === 'pi' ? 'sympy.pi' : 'sympy.E'),
  call: (name, args) => `sympy.${name === 'abs' ? 'Abs' : name}(${args.join(', ')})`,
  power: '**',
};

export const sympy: Emitter = {
  prelude: "import sympy\n\n# Called with symbols, as in f(*sympy.symbols('x1 x2')), each function returns its exact expression.\n",
  reserved: new Set([...PYTHON_KEYWORDS, 'sympy']),
  comment: (text) => `# ${text}`,
  fn: (name, params, node, names) => `def ${name}(${params.join(', ')}):\n    return ${printExpression(node, dialect, names)}\n`,
};

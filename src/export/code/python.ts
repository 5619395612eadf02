import type { Emitter } from './emitter.ts';
import { PYTHON_KEYWORDS } from './emitter.ts';
import { printExpression, type Dialect } from './printer.ts';

/** Plain Python floats, with the standard math module. */
export const dialect: Dialect = {
  number: (v) => String(v),
  constant: (name) => `math.${name}`,
  call: (name, args) => (name === 'abs' ? `abs(${args[0]})` : `math.${name}(${args.join(', ')})`),
  power: '**',
};

export const python: Emitter = {
  prelude: 'import math\n',
  reserved: new Set([...PYTHON_KEYWORDS, 'math']),
  comment: (text) => `# ${text}`,
  fn: (name, params, node, names) => `def ${name}(${params.join(', ')}):\n    return ${printExpression(node, dialect, names)}\n`,
};

import type { Emitter } from './emitter.ts';
import { PYTHON_KEYWORDS } from './emitter.ts';
import { printExpression, type Dialect } from './printer.ts';

/** NumPy: the same function takes scalars or whole arrays, element by element. */
const dialect: Dialect = {
  number: (v) => String(v),
  constant: (name) => `np.${name}`,
  // NumPy names the inverse functions arcsin, arccos, arctanh.
  call: (name, args) => `np.${name.replace(/^a(sin|cos|tanh)$/, 'arc$1')}(${args.join(', ')})`,
  power: '**',
};

export const numpy: Emitter = {
  prelude: 'import numpy as np\n',
  reserved: new Set([...PYTHON_KEYWORDS, 'np']),
  comment: (text) => `# ${text}`,
  fn: (name, params, node, names) => `def ${name}(${params.join(', ')}):\n    return ${printExpression(node, dialect, names)}\n`,
};

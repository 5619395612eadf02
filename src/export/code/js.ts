import type { Emitter } from './emitter.ts';
import { printExpression, type Dialect } from './printer.ts';

const dialect: Dialect = {
  number: (v) => String(v),
  constant: (name) => (name === 'pi' ? 'Math.PI' : 'Math.E'),
  call: (name, args) => `Math.${name}(${args.join(', ')})`,
  power: ' ** ',
};

const KEYWORDS = [
  'arguments', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'eval',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new',
  'null', 'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof',
  'var', 'void', 'while', 'with', 'yield', 'undefined', 'NaN', 'Infinity',
];

/** JavaScript (and TypeScript, where the parameters want `: number`). */
export const js: Emitter = {
  prelude: '',
  reserved: new Set([...KEYWORDS, 'Math']),
  comment: (text) => `// ${text}`,
  fn: (name, params, node, names) => `function ${name}(${params.join(', ')}) {\n  return ${printExpression(node, dialect, names)};\n}\n`,
};

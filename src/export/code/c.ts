import type { Emitter } from './emitter.ts';
import { printExpression, type Dialect } from './printer.ts';

/** C99 doubles: integers among plain numbers become 3.0, so 3/2 does not divide integers. */
const dialect: Dialect = {
  number: (v) => String(v),
  numericInteger: (text) => (/^\d+$/.test(text) ? `${text}.0` : text),
  constant: (name) => (name === 'pi' ? 'M_PI' : 'M_E'),
  call: (name, args) => `${name === 'abs' ? 'fabs' : name}(${args.join(', ')})`,
  power: (base, exponent) => `pow(${base}, ${exponent})`,
};

const KEYWORDS = [
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum', 'extern', 'float', 'for', 'goto', 'if',
  'inline', 'int', 'long', 'register', 'restrict', 'return', 'short', 'signed', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union',
  'unsigned', 'void', 'volatile', 'while', '_Bool', '_Complex', '_Imaginary', 'bool', 'true', 'false', 'main',
];
/** What <math.h> declares (C99 and POSIX): a function of the same name would not compile. */
const MATH_H = [
  'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cbrt', 'ceil', 'copysign', 'cos', 'cosh', 'erf', 'erfc', 'exp', 'exp2',
  'expm1', 'fabs', 'fdim', 'floor', 'fma', 'fmax', 'fmin', 'fmod', 'frexp', 'gamma', 'hypot', 'ilogb', 'j0', 'j1', 'jn', 'ldexp', 'lgamma',
  'llrint', 'llround', 'log', 'log10', 'log1p', 'log2', 'logb', 'lrint', 'lround', 'modf', 'nan', 'nearbyint', 'nextafter', 'nexttoward',
  'pow', 'remainder', 'remquo', 'rint', 'round', 'scalbln', 'scalbn', 'signbit', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'tgamma', 'trunc',
  'y0', 'y1', 'yn', 'isnan', 'isinf', 'isfinite', 'signgam', 'M_PI', 'M_E', 'HUGE_VAL', 'INFINITY', 'NAN',
];

export const c: Emitter = {
  // M_PI is POSIX, not ISO C: a strict -std=c99 build does not define it.
  prelude: '#include <math.h>\n\n#ifndef M_PI\n#define M_PI 3.14159265358979323846\n#endif\n#ifndef M_E\n#define M_E 2.7182818284590452354\n#endif\n',
  reserved: new Set([...KEYWORDS, ...MATH_H]),
  comment: (text) => `// ${text}`,
  fn: (name, params, node, names) => `double ${name}(${params.map((p) => `double ${p}`).join(', ')}) {\n    return ${printExpression(node, dialect, names)};\n}\n`,
};

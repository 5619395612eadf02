/**
 * Column names that have broken calu or could: words mathjs reserves or
 * uses (keywords, named operators, constants, functions), properties every
 * JavaScript object has, names whose LaTeX collides, names that are not
 * identifiers at all, and names carrying control characters.
 */
export const COLUMN_NAMES = [
  ...['end', 'to', 'in', 'not', 'mod', 'and', 'or', 'xor', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity'],
  ...['pi', 'e', 'i', 'E', 'PI', 'tau', 'phi', 'sqrt', 'exp', 'gamma', 'import', 'createUnit', 'evaluate', 'parse', 'config', 'size', 'zeros'],
  ...['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'],
  ...['x1', 'x_1', 'x y', 'x_y', 'p0', 'p_0', 'omega_0', 'omega0', 'e_', 'x__1'],
  ...['x (m)', 'x-1', '1x', '_', '__', '2', 'ω₀', 'Δx', 'a.b', 'x'.repeat(300)],
  ...['a\x1bb', 'b\u202ec', 'tab\there', 'bell\x07', 'quote"d', 'comma,name', 'new\nline'],
];

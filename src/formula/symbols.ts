import { parse } from 'mathjs';

/** Names that a formula itself may print, so a column cannot take them. */
const RESERVED = new Set(['pi', 'sqrt', 'e', 'i', 'E', 'PI', 'Infinity', 'NaN']);

/**
 * A mathjs identifier for each column name. A name that mathjs reads as a
 * single symbol and that a formula cannot print itself is kept; any other
 * becomes a safe identifier, so "x (m)" becomes x_m and a column "pi" becomes pi_.
 */
export function symbolNames(columns: string[]): string[] {
  const used = new Set<string>();
  return columns.map((name) => {
    let s = isPlainSymbol(name) ? name : sanitize(name);
    while (used.has(s) || RESERVED.has(s) || !isPlainSymbol(s)) s += '_';
    used.add(s);
    return s;
  });
}

function isPlainSymbol(name: string): boolean {
  if (RESERVED.has(name) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return false;
  try {
    const node = parse(name);
    return node.type === 'SymbolNode' && (node as unknown as { name: string }).name === name;
  } catch {
    return false;
  }
}

function sanitize(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (s === '' || /^[0-9]/.test(s)) s = `x_${s}`;
  return s;
}

import { worksAsSymbol } from './safeName.ts';

/**
 * A mathjs identifier for each column name. A name that works as a symbol
 * (see safeName.ts) is kept; any other becomes a safe identifier, so
 * "x (m)" becomes x_m, a column "pi" becomes pi_ and a column "end" end_.
 */
export function symbolNames(columns: string[]): string[] {
  const used = new Set<string>();
  return columns.map((name) => {
    let s = worksAsSymbol(name) ? name : sanitize(name);
    while (used.has(s) || !worksAsSymbol(s)) s += '_';
    used.add(s);
    return s;
  });
}

function sanitize(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (s === '' || /^[0-9]/.test(s)) s = `x_${s}`;
  return s;
}

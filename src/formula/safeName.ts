import { parse } from 'mathjs';

/** Names that a formula itself may print, so a column cannot take them. */
export const PRINTED_NAMES: ReadonlySet<string> = new Set(['pi', 'sqrt', 'e', 'i', 'E', 'PI', 'Infinity', 'NaN']);

/**
 * The ways calu's formulas use a symbol, with the value each gives at 0.25.
 * mathjs reserves names in several places (keywords such as `end`, named
 * operators such as `mod`, `to`, `not`, constants such as `true`), so rather
 * than keep lists of them, a name is tried in each of these as mathjs reads
 * and evaluates it.
 */
const USES: Array<[(n: string) => string, number]> = [
  [(n) => n, 0.25],
  [(n) => `2 * ${n}`, 0.5],
  [(n) => `${n}^2`, 0.0625],
  [(n) => `-${n}`, -0.25],
  [(n) => `sqrt(${n})`, 0.5],
  [(n) => `${n} / (1 - ${n})`, 1 / 3],
  [(n) => `(${n} + 1)^(3 / 2)`, Math.pow(1.25, 1.5)],
  [(n) => `${n} * ${n} - pi * ${n}`, 0.0625 - Math.PI * 0.25],
];

const known = new Map<string, boolean>();

/**
 * Whether a name can stand for a column in a formula: an ASCII identifier
 * that no formula prints itself and that mathjs reads back, in every way
 * calu uses a symbol, as that symbol with the column's value.
 */
export function worksAsSymbol(name: string): boolean {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || PRINTED_NAMES.has(name)) return false;
  let ok = known.get(name);
  if (ok === undefined) {
    ok = probe(name);
    known.set(name, ok);
  }
  return ok;
}

function probe(name: string): boolean {
  try {
    const node = parse(name);
    if (node.type !== 'SymbolNode' || (node as unknown as { name: string }).name !== name) return false;
    const scope = new Map([[name, 0.25]]);
    return USES.every(([text, want]) => {
      const v = parse(text(name)).compile().evaluate(scope);
      return typeof v === 'number' && Math.abs(v - want) <= 1e-12 * Math.max(1, Math.abs(want));
    });
  } catch {
    return false;
  }
}

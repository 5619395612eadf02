import { describe, expect, it } from 'vitest';
import { rowsNeeded, smallMonomials, turnArguments, turnDictionary, turnSumNetwork, turnSums } from '../../src/formula/turnSums.ts';
import { readFormula } from '../../src/formula/formula.ts';
import { invertTransform } from '../../src/train/transform.ts';
import type { Rows } from '../../src/data/rows.ts';
import { Random } from '../../src/util/random.ts';

function rows(f: (v: number[]) => number, D: number, n = rowsNeeded(D), seed = 3): Rows {
  const rng = new Random(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: D }, () => rng.between(1, 5)));
  return { x, y: x.map((v) => [f(v)]), precision: x.map(() => [0]) };
}

const ys = (r: Rows) => r.y.map((t) => t[0]);

describe('sums over the cosine and sine of one argument', () => {
  it('lists each input, and the difference, sum and product of every pair, as arguments (from five inputs on, the difference only)', () => {
    expect(turnArguments(5)).toHaveLength(5 + 10);
    const args = turnArguments(3);
    expect(args).toHaveLength(3 + 3 * 3);
    expect(args[3]).toEqual({ monomials: [[1, 0, 0], [0, 1, 0]], signs: [1, -1] });
    expect(args[4]).toEqual({ monomials: [[1, 0, 0], [0, 1, 0]], signs: [1, 1] });
    expect(args[5]).toEqual({ monomials: [[1, 1, 0]], signs: [1] });
  });

  it('lists the monomials of exponents -2..2 with at most two factors, the constant first', () => {
    const m = smallMonomials(3, 2);
    expect(m[0]).toEqual([0, 0, 0]);
    expect(m).toHaveLength(1 + 3 * 4 + 3 * 16);
    expect(new Set(m.map((e) => e.join())).size).toBe(m.length);
  });

  it('reads a^2 + c^2 - 2 a c cos(t1 - t2) over the difference of two inputs, three terms with exact coefficients', () => {
    const r = rows(([a, c, t1, t2]) => a * a + c * c - 2 * a * c * Math.cos(t1 - t2), 4);
    const [best] = turnSums(turnDictionary(r.x), ys(r));
    expect(best.argument).toEqual({ monomials: [[0, 0, 1, 0], [0, 0, 0, 1]], signs: [1, -1] });
    expect(best.terms).toHaveLength(3);
    const f = readFormula(turnSumNetwork(best), ['a', 'c', 't1', 't2'], rows(([a, c, t1, t2]) => a * a + c * c - 2 * a * c * Math.cos(t1 - t2), 4, 300, 9));
    expect(f.train.exact).toBe(true);
    expect(f.text).toBe('a^2 - 2 * a * c * cos(t1 - t2) + c^2');
  });

  it('reads a sum from data of six digits once the tolerance allows for them, and not at the float64 floor', () => {
    const r = rows(([a, c, t]) => Number((a * c * Math.cos(t) - c * c).toPrecision(6)), 3);
    const dict = turnDictionary(r.x);
    expect(turnSums(dict, ys(r))).toEqual([]);
    const [best] = turnSums(dict, ys(r), 1e-5);
    expect(best.terms.map((t) => `${t.exponents.join(',')}:${t.cos}${t.sin}`).sort()).toEqual(['0,2,0:00', '1,1,0:10']);
  });

  it('reads the square root of a sum through the inverse of y^2', () => {
    const law = ([a, c, t1, t2]: number[]) => Math.sqrt(a * a + c * c + 2 * a * c * Math.cos(t1 + t2));
    const r = rows(law, 4);
    const [best] = turnSums(turnDictionary(r.x), ys(r).map((v) => v * v));
    const f = readFormula(invertTransform({ kind: 'power', power: 2, m0: null }, turnSumNetwork(best), false), ['a', 'c', 't1', 't2'], rows(law, 4, 300, 9));
    expect(f.train.exact).toBe(true);
    expect(f.text).toMatch(/^sqrt\(a\^2 \+ 2 \* a \* c \* cos\(t1 \+ t2\) \+ c\^2\)$/);
  });

  it('reads no sum where there is none, nor where Y is a plain polynomial, nor from too few rows or too many inputs', () => {
    const poly = rows(([a, b, c]) => a * b + c, 3);
    expect(turnSums(turnDictionary(poly.x), ys(poly))).toEqual([]);
    expect(turnDictionary(poly.x.slice(0, rowsNeeded(3) - 1))).toBeNull();
    expect(turnDictionary(rows(([a]) => a, 6).x)).toBeNull();
    const r = rows(([a, b, c]) => Math.sqrt(a + b * c), 3);
    expect(turnSums(turnDictionary(r.x), ys(r))).toEqual([]);
  });

  it('reads a sum of a sine and a square of a cosine beside plain terms, and the same dictionary serves another target', () => {
    const r = rows(([a, b, c]) => a * Math.sin(b - c) + 3 * b * Math.cos(b - c) ** 2 - c / a, 3);
    const dict = turnDictionary(r.x);
    const [best] = turnSums(dict, ys(r));
    expect(best.argument).toEqual({ monomials: [[0, 1, 0], [0, 0, 1]], signs: [1, -1] });
    const terms = best.terms.map((t, h) => `${t.exponents.join(',')}:${t.cos}${t.sin}=${best.coefficients[h].toFixed(9)}`).sort();
    expect(terms).toEqual(['-1,0,1:00=-1.000000000', '0,1,0:20=3.000000000', '1,0,0:01=1.000000000']);
    const other = rows(([a, b]) => a * b * Math.cos(a), 3);
    expect(turnSums(dict, ys(other))[0].terms).toEqual([{ exponents: [1, 1, 0], cos: 1, sin: 0 }]);
  });
});

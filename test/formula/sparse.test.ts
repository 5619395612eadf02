import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { backwardPath, eliminateByHalves, forwardSelection, leastSquares, nullVector, sparsestNullVector } from '../../src/formula/sparse.ts';

const xs = Array.from({ length: 12 }, (_, i) => 1 + i / 4);

describe('the least-squares solve', () => {
  it('solves a tall full-rank system exactly', () => {
    const A = new Matrix(xs.map((x) => [1, x]));
    const b = Matrix.columnVector(xs.map((x) => 3 - 2 * x));
    const sol = leastSquares(A, b)!;
    expect(sol.get(0, 0)).toBeCloseTo(3, 12);
    expect(sol.get(1, 0)).toBeCloseTo(-2, 12);
  });

  it('still fits when two columns are the same', () => {
    const A = new Matrix(xs.map((x) => [x, x]));
    const sol = leastSquares(A, Matrix.columnVector(xs.map((x) => 4 * x)))!;
    expect(sol.get(0, 0) + sol.get(1, 0)).toBeCloseTo(4, 10);
  });

  it('solves a wide system through the SVD', () => {
    const A = new Matrix([[1, 1, 0]]);
    const sol = leastSquares(A, Matrix.columnVector([2]))!;
    // The minimum-norm solution of x0 + x1 = 2.
    expect(sol.to1DArray().map((v) => Number(v.toFixed(12)))).toEqual([1, 1, 0]);
  });
});

describe('forward selection', () => {
  // The error of each set of terms; no terms leave 8.
  const errors: Record<string, number> = { a: 4, b: 6, c: 7, 'a+b': 1, 'a+c': 3, 'a+b+c': 0.9 };
  const fit = (terms: string[]) => {
    const key = [...terms].sort().join('+');
    return { fitted: key, error: errors[key] };
  };

  it('adds the term that fits best while it at least halves the error', () => {
    // a (8 -> 4), then b (4 -> 1); c would only take 1 to 0.9.
    expect(forwardSelection(['c', 'b', 'a'], fit, 8, 3, 2)).toBe('a+b');
  });

  it('stops at the term limit, and gives nothing when no term halves the start', () => {
    expect(forwardSelection(['c', 'b', 'a'], fit, 8, 1, 2)).toBe('a');
    expect(forwardSelection(['c', 'b', 'a'], fit, 7, 3, 2)).toBeNull();
  });
});

describe('the backward path', () => {
  it('drops the least useful term at each step and keeps every step', () => {
    const weight: Record<string, number> = { a: 5, b: 1, c: 3 };
    const fit = (terms: string[]) => ({ fitted: terms, error: 9 - terms.reduce((s, t) => s + weight[t], 0) });
    expect(backwardPath(['a', 'b', 'c'], fit, (t) => t)).toEqual([['a', 'c'], ['a']]);
  });

  it('skips fits that fail and stops when a step keeps as many terms', () => {
    const fit = (terms: string[]) => (terms.includes('a') ? { fitted: terms, error: terms.length } : { fitted: null, error: NaN });
    expect(backwardPath(['a', 'b', 'c'], fit, (t) => t)).toEqual([['a', 'c'], ['a']]);
    expect(backwardPath(['a', 'b'], (t) => ({ fitted: t, error: 1 }), () => ['a', 'b'])).toEqual([['b']]);
  });
});

describe('elimination by halves', () => {
  const cols = {
    one: xs.map(() => 1),
    x: xs,
    x2: xs.map((x) => x * x),
    x3: xs.map((x) => x ** 3),
    inv: xs.map((x) => 1 / x),
    // Nearly collinear with x on this range: the elimination must not keep it.
    near: xs.map((x) => x + 1e-3 * Math.sin(7 * x)),
  };
  const features = Object.values(cols);
  const names = Object.keys(cols);

  it('keeps only the exact combination of a collinear set', () => {
    const y = xs.map((x) => 2 * x * x - 3 / x);
    const sel = eliminateByHalves(features, y, 1e-9)!;
    expect(sel.columns.map((c) => names[c]).sort()).toEqual(['inv', 'x2']);
    const byName = Object.fromEntries(sel.columns.map((c, k) => [names[c], sel.coefficients[k]]));
    expect(byName.x2).toBeCloseTo(2, 8);
    expect(byName.inv).toBeCloseTo(-3, 8);
    expect(sel.residual).toBeLessThan(1e-9);
  });

  it('returns null when the whole set cannot fit the target', () => {
    expect(eliminateByHalves(features, xs.map((x) => Math.exp(x)), 1e-9)).toBeNull();
  });
});

describe('the null vector', () => {
  // y = (1 + x) / (2 + x): N - y D = 0 with N = 1 + x, D = 2 + x, over the monomials 1, x, x^3.
  const y = xs.map((x) => (1 + x) / (2 + x));
  const A = xs.map((x, i) => [1, x, x ** 3, -y[i], -y[i] * x, -y[i] * x ** 3]);

  it('of a known rational is its numerator and denominator, up to scale', () => {
    const nv = sparsestNullVector(A, 1e-9)!;
    expect(nv.sigma).toBeLessThan(1e-9);
    const t = nv.theta.map((v) => v / nv.theta[0]);
    expect(t[0]).toBe(1);
    expect(t[1]).toBeCloseTo(1, 8);
    expect(t[2]).toBe(0);
    expect(t[3]).toBeCloseTo(2, 8);
    expect(t[4]).toBeCloseTo(1, 8);
    expect(t[5]).toBe(0);
  });

  it('is not exact when there is no relation, and is returned as it is', () => {
    const B = xs.map((x) => [1, x, Math.exp(x)]);
    const full = nullVector(B)!;
    expect(full.sigma).toBeGreaterThan(1e-6);
    expect(sparsestNullVector(B, 1e-9)).toEqual(full);
    expect(nullVector([[1, 2, 3]])).toBeNull();
  });
});

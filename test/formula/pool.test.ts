import { describe, expect, it } from 'vitest';
import { poolSum, proposeMonomials } from '../../src/formula/pool.ts';
import { Random } from '../../src/util/random.ts';

const Q = [-2, -1, 0, 1, 2];

describe('the pool of monomials', () => {
  it('holds each settled unit once, counted over restarts, most supported first', () => {
    // Two restarts, two units each; both restarts have x1 x2, one has x1^2.
    const snapped = [[[1, 1], [2, 0]], [[1, 1], [0, 0]]];
    expect(proposeMonomials(snapped, snapped, Q, 10)).toEqual([[1, 1], [0, 0], [2, 0]]);
    expect(proposeMonomials(snapped, snapped, Q, 1)).toEqual([[1, 1]]);
  });

  it('proposes both nearest values of Q for an exponent that has not settled', () => {
    const trained = [[[1.45, 1]]];
    const snapped = [[[1, 1]]];
    // 1.45 lies between 1 and 2: 1 weighs 0.55, 2 weighs 0.45.
    expect(proposeMonomials(trained, snapped, Q, 10)).toEqual([[1, 1], [2, 1]]);
  });

  it('finds the exact sum among nearly collinear monomials', () => {
    const rng = new Random(2);
    // A narrow positive range, where x1, x1^2 and x1 x2 look alike.
    const x = Array.from({ length: 60 }, () => [rng.between(1, 1.5), rng.between(1, 1.5)]);
    const y = x.map(([a, b]) => 3 * a * b - a * a);
    const pool = [[1, 0], [0, 1], [1, 1], [2, 0], [0, 2], [0, 0], [-1, 0], [1, -1]];
    const sum = poolSum(pool, x, y, 1e-9)!;
    const terms = sum[0].weights.map((e, k) => [e.join(','), sum[1].weights[0][k]] as const);
    const byTerm = Object.fromEntries(terms);
    expect(Object.keys(byTerm).sort()).toEqual(['1,1', '2,0']);
    expect(byTerm['1,1']).toBeCloseTo(3, 8);
    expect(byTerm['2,0']).toBeCloseTo(-1, 8);
    expect(poolSum(pool, x, x.map(([a]) => Math.sin(a)), 1e-9)).toBeNull();
  });
});

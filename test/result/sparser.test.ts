import { describe, expect, it } from 'vitest';
import { isMonomialSum, sparserVariants } from '../../src/result/sparser.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';

describe('sparser variants of a sum', () => {
  it('drop the least useful term at each step, refitted, down to one term', () => {
    const rng = new Random(5);
    const x = Array.from({ length: 300 }, () => [rng.between(1, 3), rng.between(1, 3)]);
    // y = x1 x2 with 0.1% noise: the extra terms only fit the noise.
    const y = x.map(([a, b]) => [a * b * (1 + 1e-3 * (rng.between(0, 1) - 0.5))]);
    const rows = { x, y, precision: y.map(() => [0]) };
    const sum: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 1], [1, 0], [0, 0], [0, -1]] },
      { kind: 'caluA', weights: [[1, 0.001, 0.006, -0.007]] },
    ];
    const variants = sparserVariants(sum, rows);
    expect(variants.map((v) => v[0].weights.length)).toEqual([3, 2, 1]);
    expect(variants[2][0].weights).toEqual([[1, 1]]);
    expect(variants[2][1].weights[0][0]).toBeCloseTo(1, 3);
  });
});

describe('a sum of monomials', () => {
  it('is an m -> a network with one output', () => {
    const m: SnappedLayer = { kind: 'caluM', weights: [[1, 0]] };
    expect(isMonomialSum([m, { kind: 'caluA', weights: [[1]] }])).toBe(true);
    expect(isMonomialSum([m, { kind: 'caluA', weights: [[1], [2]] }])).toBe(false);
    expect(isMonomialSum([m, { kind: 'caluA', weights: [[1]] }, { kind: 'caluM', weights: [[-1]] }, { kind: 'caluA', weights: [[1]] }])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { refitLastLayer, refitSum, residuals } from '../../src/formula/refit.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';

const rng = new Random(4);
const x = Array.from({ length: 40 }, () => [rng.between(-2, 2), rng.between(-2, 2)]);

describe('the refit of the last layer', () => {
  it('solves the coefficients a rounded network got wrong, through identical units', () => {
    // Units x1 x2 (twice, a cancelling copy) and x1^2; the snapped coefficients are off.
    const layers: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 1], [1, 1], [2, 0]] },
      { kind: 'caluA', weights: [[1, 1, 0]] },
    ];
    const y = x.map(([a, b]) => [0.5 * a * b + 2 * a * a]);
    const refit = refitLastLayer(layers, x, y)!;
    // Identical units merge into the first; a term at rounding level is dropped.
    expect(refit[0]).toEqual(layers[0]);
    expect(refit[1].weights[0][0]).toBeCloseTo(0.5, 12);
    expect(refit[1].weights[0][1]).toBe(0);
    expect(refit[1].weights[0][2]).toBeCloseTo(2, 12);
  });

  it('drops a unit whose coefficient is at rounding level', () => {
    const layers: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 0], [0, 1]] },
      { kind: 'caluA', weights: [[0, 0]] },
    ];
    const refit = refitLastLayer(layers, x, x.map(([a]) => [3 * a]))!;
    expect(refit[1].weights[0][0]).toBeCloseTo(3, 12);
    expect(refit[1].weights[0][1]).toBe(0);
  });
});

describe('a refitted sum of monomials', () => {
  it('fits the monomials given and leaves no residual when they are right', () => {
    const rows = { x, y: x.map(([a, b]) => [a * b - 4]), precision: x.map(() => [0]) };
    const sum = refitSum([[1, 1], [0, 0]], rows)!;
    expect(sum[0].weights).toEqual([[1, 1], [0, 0]]);
    expect(sum[1].weights[0][0]).toBeCloseTo(1, 12);
    expect(sum[1].weights[0][1]).toBeCloseTo(-4, 12);
    expect(Math.max(...residuals(sum, rows).map(Math.abs))).toBeLessThan(1e-12);
  });

  it('leaves the missing term as its residual', () => {
    const rows = { x, y: x.map(([a, b]) => [a * b]), precision: x.map(() => [0]) };
    const only: SnappedLayer[] = [{ kind: 'caluM', weights: [[1, 0]] }, { kind: 'caluA', weights: [[0]] }];
    expect(residuals(only, rows)).toEqual(rows.y.map((t) => t[0]));
  });
});

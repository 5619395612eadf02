import { describe, expect, it } from 'vitest';
import { parse } from 'mathjs';
import { checkPredictions, evaluateFormula, REL_TOL } from '../../src/formula/verify.ts';

describe('checking a formula against data in float64', () => {
  it('is exact at rounding level and not a hair beyond', () => {
    const y = [1, -2, 3.5, 100];
    expect(checkPredictions(y.map((v) => v * (1 + 1e-15)), y).exact).toBe(true);
    expect(checkPredictions(y.map((v) => v * (1 + 10 * REL_TOL)), y).exact).toBe(false);
  });

  it('judges a target near zero against the scale of the whole column', () => {
    const y = [1e-9, 50, -50];
    expect(checkPredictions([1e-9 + 1e-12, 50, -50], y).exact).toBe(true);
    expect(checkPredictions([1e-9 + 1e-3, 50, -50], y).exact).toBe(false);
  });

  it('allows the precision the target was written with', () => {
    const y = [1.23, 4.57];
    const pred = [1.2312, 4.5661];
    expect(checkPredictions(pred, y).exact).toBe(false);
    expect(checkPredictions(pred, y, [0.005, 0.005]).exact).toBe(true);
  });

  it('reports errors and the worst row, and treats NaN as not exact', () => {
    const c = checkPredictions([1, 2, 4], [1, 2, 3]);
    expect(c.metrics).toEqual({ rows: 3, mse: 1 / 3, maxAbsError: 1, maxRelError: 1 / 3, rmsRelError: Math.sqrt(1 / 3) / Math.sqrt(14 / 3) });
    expect(c.worstRow).toBe(2);
    expect(checkPredictions([NaN, 2], [1, 2]).exact).toBe(false);
  });

  it('evaluates a formula tree on rows, a complex value counting as NaN', () => {
    const out = evaluateFormula(parse('sqrt(x) * y'), ['x', 'y'], [[4, 3], [-1, 1]]);
    expect(out[0]).toBe(6);
    expect(out[1]).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'mathjs';
import { checkFormula, checkPredictions, CheckTally, evaluateFormula, REL_TOL } from '../../src/formula/verify.ts';
import { Random } from '../../src/util/random.ts';

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

  it('gives the same check, bit for bit, from rows given in pieces as from all of them at once', () => {
    const rng = new Random(2);
    const y = Array.from({ length: 1000 }, (_, i) => (i % 97 === 0 ? 1e-12 : rng.between(-5, 5)));
    const pred = y.map((v, i) => (i === 613 ? v + 0.25 : v * (1 + rng.between(-1e-12, 1e-12))));
    const precision = y.map((_, i) => (i % 3 === 0 ? 5e-4 : 0));
    const tally = new CheckTally(y);
    for (let start = 0; start < y.length; start += 128) tally.add(pred.slice(start, start + 128), y.slice(start, start + 128), precision.slice(start, start + 128));
    const whole = checkPredictions(pred, y, precision);
    expect(tally.result()).toEqual(whole);
    expect(whole).toMatchObject({ exact: false, worstRow: 613 });
  });

  it('checks a formula on columns chunk by chunk, as on rows', () => {
    const rng = new Random(5);
    const rows = Array.from({ length: 300 }, () => [rng.between(-2, 2), rng.between(1, 3)]);
    const x = [Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1])];
    const truth = Float64Array.from(rows, ([a, b]) => (a === rows[200][0] ? 1 : a * b));
    const node = parse('x1 * x2');
    const byRows = checkPredictions(evaluateFormula(node, ['x1', 'x2'], rows), truth);
    for (const chunk of [1, 7, 300, 1024]) expect(checkFormula(node, ['x1', 'x2'], x, truth, undefined, chunk)).toEqual(byRows);
    expect(byRows).toMatchObject({ exact: false, worstRow: 200, metrics: { rows: 300 } });
    // A complex value counts as NaN there too.
    expect(checkFormula(parse('sqrt(x1)'), ['x1', 'x2'], x, truth).metrics.maxAbsError).toBeNaN();
  });
});

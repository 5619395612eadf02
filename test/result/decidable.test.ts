import { describe, expect, it } from 'vitest';
import { parse } from 'mathjs';
import { freeCoefficients, isUndecided, rowsNeeded, undecided, undecidedText } from '../../src/result/decidable.ts';
import { exportCode } from '../../src/export/code/exportCode.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';

// 2 x1^2 x2 - 1/2 x2: three exponents and two coefficients.
const layers: SnappedLayer[] = [
  { kind: 'caluM', weights: [[2, 1], [0, 1], [0, 0]] },
  { kind: 'caluA', weights: [[2, -0.5, 0]] },
];

describe('whether the data can decide a formula', () => {
  it('counts every weight the search chose as a free coefficient, and asks for twice as many distinct points, at least 3 more', () => {
    expect(freeCoefficients(layers)).toBe(5);
    expect([0, 1, 2, 3, 5, 40].map(rowsNeeded)).toEqual([3, 4, 5, 6, 10, 80]);
  });

  it('is undecided below that many distinct points, counting only as far as it needs', () => {
    const asked: number[] = [];
    const count = (points: number) => (enough: number) => (asked.push(enough), Math.min(points, enough));
    expect(undecided(layers, count(9))).toEqual({ distinctRows: 9, freeCoefficients: 5, needed: 10 });
    expect(undecided(layers, count(10))).toBeUndefined();
    expect(asked).toEqual([10, 10]);
    expect(undecidedText({ distinctRows: 1, freeCoefficients: 1, needed: 4 })).toBe('the data cannot decide: 1 distinct row for 1 free coefficient, 4 needed');
  });

  it('exports the reason in the comment of code, and ignores a reason in a model file that is not three whole numbers', () => {
    const model = (why: unknown) => ({
      inputs: ['x1', 'x2'],
      symbols: ['x1', 'x2'],
      outputs: [{ target: 'y', formula: 'x1 * x2', expression: JSON.parse(JSON.stringify(parse('x1 * x2'))), exact: false, metrics: { train: { maxRelError: 0 } }, undecided: why }],
    });
    expect(exportCode(model({ distinctRows: 3, freeCoefficients: 3, needed: 6 }), 'js')).toContain('// y is not exact: the data cannot decide: 3 distinct rows for 3 free coefficients, 6 needed\n');
    const crafted = { distinctRows: '3\nrequire("fs")', freeCoefficients: 3, needed: 6 };
    expect(isUndecided(crafted)).toBe(false);
    expect(exportCode(model(crafted), 'js')).toContain('// y is not exact: largest relative error 0.0e+0 on the training rows\n');
  });
});

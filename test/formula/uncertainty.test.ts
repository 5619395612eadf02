import { describe, expect, it } from 'vitest';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import { fitCoefficients, freeCoefficients, unitScaled } from '../../src/formula/uncertainty.ts';
import { Random } from '../../src/util/random.ts';

describe('the coefficients a noisy refit moves', () => {
  it('frees every weight of the last layer, and of a sum under powers all but its largest', () => {
    const net: SnappedLayer[] = [
      { kind: 'caluA', weights: [[1, -0.5, 0]] },
      { kind: 'caluM', weights: [[-0.5]] },
      { kind: 'caluA', weights: [[3]] },
    ];
    expect(freeCoefficients(net)).toEqual([
      { layer: 0, row: 0, col: 1 },
      { layer: 2, row: 0, col: 0 },
    ]);
  });

  it('frees no weight of a feature block, and every weight of a sum read through a function', () => {
    const block: SnappedLayer[] = [
      { kind: 'caluA', weights: [[2, 1]] },
      { kind: 'caluE', weights: [[0]], imag: [[1]], join: true },
    ];
    expect(freeCoefficients([...block, { kind: 'caluM', weights: [[1, 0, 0, 1]] }, { kind: 'caluA', weights: [[0.5]] }])).toEqual([{ layer: 3, row: 0, col: 0 }]);
    const asin: SnappedLayer[] = [{ kind: 'caluA', weights: [[0.5, 0.25]] }, { kind: 'fn', weights: [], fn: 'asin' }];
    expect(freeCoefficients(asin)).toEqual([
      { layer: 0, row: 0, col: 0 },
      { layer: 0, row: 0, col: 1 },
    ]);
  });

  it('scales a sum under a power to a leading 1, the scale moved after the power, and keeps every other field of a layer', () => {
    const net: SnappedLayer[] = [
      { kind: 'caluA', weights: [[4, 2]] },
      { kind: 'caluM', weights: [[0.5]] },
      { kind: 'caluA', weights: [[3]] },
    ];
    expect(unitScaled(net)).toEqual([
      { kind: 'caluA', weights: [[1, 0.5]] },
      { kind: 'caluM', weights: [[0.5]] },
      { kind: 'caluA', weights: [[6]] },
    ]);
    const joined: SnappedLayer[] = [{ kind: 'caluE', weights: [[0]], imag: [[1]], join: true }, { kind: 'caluA', weights: [[0, 1]] }];
    expect(unitScaled(joined)).toEqual(joined);
  });
});

describe('a least-squares refit with standard errors', () => {
  it('gives the textbook standard error of a slope through the origin, s / sqrt(sum x^2)', () => {
    const rng = new Random(9);
    const x = Array.from({ length: 400 }, () => [rng.between(1, 3)]);
    const y = x.map(([v]) => [2 * v + 0.05 * rng.normal()]);
    const fit = fitCoefficients([{ kind: 'caluM', weights: [[1]] }, { kind: 'caluA', weights: [[1.5]] }], [{ layer: 1, row: 0, col: 0 }], { x, y, precision: y.map(() => [0]) })!;
    const sxx = x.reduce((s, [v]) => s + v * v, 0);
    const slope = x.reduce((s, [v], i) => s + v * y[i][0], 0) / sxx;
    const sse = x.reduce((s, [v], i) => s + (y[i][0] - slope * v) ** 2, 0);
    expect(fit.values[0]).toBeCloseTo(slope, 12);
    expect(fit.sse).toBeCloseTo(sse, 12);
    expect(fit.stdErrors[0]).toBeCloseTo(Math.sqrt(sse / (400 - 1) / sxx), 12);
  });
});

import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  invertTransform,
  PLAIN,
  resolveTransform,
  transformApplies,
  transformName,
  transformPrecision,
  type TargetTransform,
} from '../../src/train/transform.ts';
import { evaluateSnapped, type SnappedLayer } from '../../src/formula/evaluate.ts';

// x = [m0, v, c]; y = m0 / sqrt(1 - v^2/c^2), whose dominant monomial is m0.
const x = [[2, 1, 4], [3, 1.5, 5], [1.5, 2, 3]];
const y = x.map(([m, v, c]) => m / Math.sqrt(1 - (v * v) / (c * c)));
const inverseSquare: TargetTransform = resolveTransform({ kind: 'power', power: -2, byDominant: true }, [1, 0, 0])!;

describe('a target transform', () => {
  it('is named as the stage label writes it', () => {
    expect(transformName(PLAIN)).toBe('y');
    expect(transformName({ kind: 'power', power: -1, byDominant: true })).toBe('(y/M0)^-1');
    expect(transformName({ kind: 'power', power: 2, byDominant: false })).toBe('y^2');
  });

  it('needs a dominant monomial only when it divides by one', () => {
    expect(resolveTransform({ kind: 'power', power: -1, byDominant: true }, null)).toBeNull();
    expect(resolveTransform({ kind: 'power', power: -1, byDominant: false }, [1, 0, 0])).toEqual({ kind: 'power', power: -1, m0: null });
    expect(inverseSquare).toEqual({ kind: 'power', power: -2, m0: [1, 0, 0] });
  });

  it('turns y into (y/M0)^p, and its precision by |dY/dy|', () => {
    x.forEach((row, i) => {
      const [, v, c] = row;
      expect(applyTransform(inverseSquare, y[i], row)).toBeCloseTo(1 - (v * v) / (c * c), 14);
    });
    // Y = (y/2)^-2 at y = 4: dY/dy = -2 (y/2)^-3 / 2 = -1/8.
    expect(transformPrecision(inverseSquare, 4, [2, 0, 1], 0.5)).toBeCloseTo(0.5 / 8, 15);
    expect(transformPrecision(inverseSquare, 4, [2, 0, 1], 0)).toBe(0);
  });

  it('applies only where Y is defined and one-to-one', () => {
    expect(transformApplies(inverseSquare, y, x)).toBe(true);
    const square = resolveTransform({ kind: 'power', power: 2, byDominant: false }, null)!;
    const cube = resolveTransform({ kind: 'power', power: 3, byDominant: false }, null)!;
    // An even power loses the sign: a target of both signs cannot come back.
    expect(transformApplies(square, [1, -2], [[1], [2]])).toBe(false);
    expect(transformApplies(square, [-1, -2], [[1], [2]])).toBe(true);
    expect(transformApplies(cube, [1, -2], [[1], [2]])).toBe(true);
    expect(transformApplies(square, [0, 2], [[1], [2]])).toBe(false);
    expect(transformApplies(resolveTransform(PLAIN, null)!, [0, -2], [[1], [2]])).toBe(true);
  });

  it('reads a sum fitted to Y back as the network for y', () => {
    // S = 1 - v^2/c^2 as an m -> a network.
    const sum: SnappedLayer[] = [
      { kind: 'caluM', weights: [[0, 0, 0], [0, 2, -2]] },
      { kind: 'caluA', weights: [[1, -1]] },
    ];
    const back = invertTransform(inverseSquare, sum, false);
    expect(back.map((l) => l.weights)).toEqual([
      [[0, 0, 0], [0, 2, -2], [1, 0, 0]],
      [[1, -1, 0], [0, 0, 1]],
      [[-0.5, 1]],
      [[1]],
    ]);
    evaluateSnapped(back, x).forEach((p, i) => expect(p[0]).toBeCloseTo(y[i], 12));
    // An even power of a negative target gives the sign back at the end.
    expect(invertTransform(inverseSquare, sum, true).at(-1)!.weights).toEqual([[-1]]);
    // Fitting y itself reads back as it is.
    expect(invertTransform(resolveTransform(PLAIN, null)!, sum, false)).toBe(sum);
  });

  it('reads a quotient N/D back with one outer power each', () => {
    const quotient: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 0, 0], [0, 0, 0]] },
      { kind: 'caluA', weights: [[1, 0], [0, 1]] },
    ];
    const half = resolveTransform({ kind: 'power', power: 2, byDominant: false }, null)!;
    expect(invertTransform(half, quotient, false, [1, -1]).slice(2)).toEqual([
      { kind: 'caluM', weights: [[0.5, -0.5]] },
      { kind: 'caluA', weights: [[1]] },
    ]);
    // Even y itself keeps the quotient's two sums and their powers 1 and -1.
    expect(invertTransform(resolveTransform(PLAIN, null)!, quotient, false, [1, -1])).toHaveLength(4);
  });
});

describe('a function of the target', () => {
  const rows = [[1], [2], [3]];
  const ys = [0.3, -0.7, 1.2];

  it('applies only where it is one-to-one on the target, and names itself', () => {
    expect(transformName({ kind: 'fn', fn: 'sin' })).toBe('sin(y)');
    expect(transformApplies({ kind: 'fn', fn: 'sin' }, ys, rows)).toBe(true);
    expect(transformApplies({ kind: 'fn', fn: 'sin' }, [0.3, 1.6], [[1], [2]])).toBe(false);
    expect(transformApplies({ kind: 'fn', fn: 'cos' }, [0.3, 3.1], [[1], [2]])).toBe(true);
    expect(transformApplies({ kind: 'fn', fn: 'cos' }, [-0.1, 1], [[1], [2]])).toBe(false);
    expect(transformApplies({ kind: 'fn', fn: 'log' }, [2, 3], [[1], [2]])).toBe(true);
    expect(transformApplies({ kind: 'fn', fn: 'log' }, [-2, -3], [[1], [2]])).toBe(true);
    expect(transformApplies({ kind: 'fn', fn: 'log' }, [2, -3], [[1], [2]])).toBe(false);
    expect(transformApplies({ kind: 'fn', fn: 'atanh' }, [0.5, -0.99], [[1], [2]])).toBe(true);
    expect(transformApplies({ kind: 'fn', fn: 'atanh' }, [0.5, 1], [[1], [2]])).toBe(false);
  });

  it('is read back through its inverse, sign included for log', () => {
    // Y = sin(y) fitted as Y = x/4: y = asin(x/4).
    const sum: SnappedLayer[] = [{ kind: 'caluM', weights: [[1]] }, { kind: 'caluA', weights: [[0.25]] }];
    const back = invertTransform({ kind: 'fn', fn: 'sin' }, sum, false);
    expect(back.at(-1)).toEqual({ kind: 'fn', weights: [], fn: 'asin' });
    expect(evaluateSnapped(back, [[2]])[0][0]).toBeCloseTo(Math.asin(0.5), 15);
    // Y = log|y| for y = -3x: y = -exp(log 3 + log x).
    const neg = invertTransform({ kind: 'fn', fn: 'log' }, [{ kind: 'caluL', weights: [[1]] }, { kind: 'caluA', weights: [[1]] }], true);
    expect(evaluateSnapped([...neg.slice(0, 1), ...neg.slice(1)], [[3]])[0][0]).toBeCloseTo(-3, 14);
    // A quotient first: Y = N/D, then the inverse.
    const q = invertTransform({ kind: 'fn', fn: 'cos' }, [{ kind: 'caluM', weights: [[1], [0]] }, { kind: 'caluA', weights: [[1, 0], [0, 2]] }], false, [1, -1]);
    expect(evaluateSnapped(q, [[1]])[0][0]).toBeCloseTo(Math.acos(0.5), 15);
    expect(applyTransform({ kind: 'fn', fn: 'atanh' }, 0.5, [1])).toBeCloseTo(Math.atanh(0.5), 15);
    expect(transformPrecision({ kind: 'fn', fn: 'log' }, -4, [1], 0.5)).toBeCloseTo(0.125, 15);
  });

  it('divides by M0 over the inputs only, when a feature block joins them', () => {
    const block: SnappedLayer[] = [{ kind: 'caluM', weights: [[1]] }, { kind: 'caluE', weights: [[0]], imag: [[1]], join: true }];
    // Y = y / x fitted as sin(x) (augmented inputs [x, cos x, sin x]): y = x sin(x).
    const sums: SnappedLayer[] = [...block, { kind: 'caluM', weights: [[0, 0, 1]] }, { kind: 'caluA', weights: [[1]] }];
    const t = resolveTransform({ kind: 'power', power: 1, byDominant: true }, [1])!;
    const back = invertTransform(t, sums, false);
    expect(evaluateSnapped(back, [[2]])[0][0]).toBeCloseTo(2 * Math.sin(2), 14);
  });
});

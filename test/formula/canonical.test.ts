import { describe, expect, it } from 'vitest';
import { canonicalForms, canonicalize } from '../../src/formula/canonical.ts';
import { outputText } from '../../src/formula/expression.ts';
import { evaluateSnapped, type SnappedLayer } from '../../src/formula/evaluate.ts';

const m = (weights: number[][]): SnappedLayer => ({ kind: 'caluM', weights });
const a = (weights: number[][]): SnappedLayer => ({ kind: 'caluA', weights });

describe('the canonical form of a snapped network', () => {
  it('moves the scale of an inner sum into the next layer: (2s)^3 / 8 becomes s^3', () => {
    const net = [a([[2, 2, 2]]), m([[3]]), a([[0.125]])];
    const c = canonicalize(net);
    expect(c[0].weights).toEqual([[1, 1, 1]]);
    expect(c[2].weights).toEqual([[1]]);
    const rows = [[0.5, -1.25, 2], [3, 1, -7]];
    expect(evaluateSnapped(c, rows)).toEqual(evaluateSnapped(net, rows));
  });

  it('folds a negative unit into its coefficient, so u * u^-1 cancels', () => {
    const net = [a([[1, 1, 1], [0, 0, -1], [0, 0, -1]]), m([[3, 1, -1]]), a([[1]])];
    expect(outputText(canonicalize(net), 0, ['x1', 'x2', 'x3'])).toBe('(x1 + x2 + x3)^3');
  });

  it('keeps the sign of a sum under a fractional power', () => {
    const net = [a([[-1, 1]]), m([[0.5]]), a([[1]])];
    expect(canonicalize(net)[0].weights).toEqual([[-1, 1]]);
  });
});

describe('the canonical forms of a known network', () => {
  // m0 / sqrt(1/m0^2 - v^2/(c^2 m0^2))... as trained: (m0^-2 - v^2 c^-2 m0^-2)^(-1/2), inputs m0, v, c.
  const S = ['m0', 'v', 'c'];
  const net = [m([[-2, 0, 0], [-2, 2, -2]]), a([[1, -1]]), m([[-0.5]]), a([[1]])];
  const rows = [[2, 1, 4], [1.5, 2, 3], [3, 1.2, 5]];
  const positive = [true, true, true];

  it('moves the monomial common to every term out of the sum, over positive inputs', () => {
    const c = canonicalize(net, positive);
    expect(outputText(c, 0, S, { positive })).toBe('m0 / sqrt(1 - v^2 / c^2)');
    evaluateSnapped(c, rows).forEach((p, i) => expect(p[0]).toBeCloseTo(evaluateSnapped(net, rows)[i][0], 12));
    // Not when an input may be negative: (x^a)^(1/2) is not x^(a/2) there.
    expect(outputText(canonicalize(net), 0, S)).toBe('1 / sqrt(1 / m0^2 - v^2 / (m0^2 * c^2))');
  });

  it('lists every way of factoring the sum, each computing the same', () => {
    const forms = canonicalForms(net, positive);
    // The common monomial, none, either term's, and the lowest exponents (which clear the denominators).
    expect(forms.map((f) => outputText(f, 0, S, { positive }))).toEqual([
      'm0 / sqrt(1 - v^2 / c^2)',
      '1 / sqrt(1 / m0^2 - v^2 / (m0^2 * c^2))',
      '1 / (sqrt(c^2 / v^2 - 1) * sqrt(v^2 / (m0^2 * c^2)))',
      '1 / (sqrt(c^2 - v^2) * sqrt(1 / (m0^2 * c^2)))',
      '1 / (sqrt(1 / v^2 - 1 / c^2) * sqrt(v^2 / m0^2))',
    ]);
    for (const f of forms) evaluateSnapped(f, rows).forEach((p, i) => expect(p[0]).toBeCloseTo(evaluateSnapped(net, rows)[i][0], 12));
    expect(canonicalForms(net, positive, 3)).toHaveLength(3);
  });
});

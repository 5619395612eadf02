import { describe, expect, it } from 'vitest';
import { distinctMonomials, evaluateHidden, evaluateSnapped, monomials, type SnappedLayer } from '../../src/formula/evaluate.ts';

describe('a snapped network in float64', () => {
  it('takes the real part of the talk complex forward: signs by parity, cos(pi p) for a fractional power', () => {
    expect(monomials([[2, 1], [3, 0], [0.5, 0]], [-2, 3])).toEqual([12, -8, Math.sqrt(2) * Math.cos(Math.PI / 2)]);
    expect(monomials([[0, -1]], [0, 4])).toEqual([0.25]);
  });

  it('runs m -> a -> m -> a: (x1 + x2)^2 - 1, and the inputs of its last layer', () => {
    const net: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 0], [0, 1]] },
      { kind: 'caluA', weights: [[1, 1]] },
      { kind: 'caluM', weights: [[2], [0]] },
      { kind: 'caluA', weights: [[1, -1]] },
    ];
    expect(evaluateSnapped(net, [[1, 2], [-3, 1]])).toEqual([[8], [3]]);
    expect(evaluateHidden(net, [[1, 2]])).toEqual([[9, 1]]);
  });

  it('lists distinct monomials in order of first appearance', () => {
    expect(distinctMonomials([[1, 0], [0, 1], [1, 0], [2, 2]])).toEqual([[1, 0], [0, 1], [2, 2]]);
  });
});

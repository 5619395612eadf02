import { describe, expect, it } from 'vitest';
import { parse } from 'mathjs';
import { outputText } from '../../src/formula/expression.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';

const m = (weights: number[][]): SnappedLayer => ({ kind: 'caluM', weights });
const a = (weights: number[][]): SnappedLayer => ({ kind: 'caluA', weights });
const P = ['p0', 'p1', 'p2', 'p3'];

describe('reading a formula off a snapped network', () => {
  it('prints signed monomials, merging equal units and dropping zero connections', () => {
    const net = [m([[2, 0, 0, 0], [0, 2, 0, 0], [0, 0, 2, 0], [0, 0, 0, 2], [0, 0, 0, 2], [1, 1, 1, 1]]), a([[1, -1, -1, -0.5, -0.5, 0]])];
    expect(outputText(net, 0, P)).toBe('p0^2 - p1^2 - p2^2 - p3^2');
  });

  it('cancels opposite terms', () => {
    const net = [m([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]), a([[1, -1, 2, -1]])];
    expect(outputText(net, 0, P)).toBe('1');
  });

  it('writes quotients as fractions and the constant 1 last', () => {
    expect(outputText([m([[1, -1], [0, 0]]), a([[1, 1]])], 0, ['x1', 'x2'])).toBe('x1 / x2 + 1');
    expect(outputText([m([[1, -2]]), a([[-2]])], 0, ['x1', 'x2'])).toBe('-2 * x1 / x2^2');
  });

  it('prints a sum passed through a unit as the sum itself', () => {
    expect(outputText([a([[1, 1, 1]]), m([[1]]), a([[1]])], 0, ['x1', 'x2', 'x3'])).toBe('x1 + x2 + x3');
  });

  it('prints powers of sums and square roots from deeper stacks', () => {
    expect(outputText([a([[1, 1, 1]]), m([[3]]), a([[1]])], 0, ['x1', 'x2', 'x3'])).toBe('(x1 + x2 + x3)^3');
    const lorentzFactor = [m([[0, 0, 0], [0, 2, -2], [1, 0, 0]]), a([[1, -1, 0], [0, 0, 1]]), m([[-0.5, 1]]), a([[1]])];
    expect(outputText(lorentzFactor, 0, ['m0', 'v', 'c'])).toBe('m0 / sqrt(1 - v^2 / c^2)');
  });

  it('gives text that mathjs parses back to a tree that prints the same', () => {
    const text = outputText([m([[1, 1], [0, -1]]), a([[3, -1]])], 0, ['q', 'r']);
    expect(parse(text).toString()).toBe(parse(parse(text).toString()).toString());
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'mathjs';
import { outputText } from '../../src/formula/expression.ts';
import { canonicalize } from '../../src/formula/canonical.ts';
import { readFormula } from '../../src/formula/formula.ts';
import { Random } from '../../src/util/random.ts';
import { prune } from '../../src/formula/prune.ts';
import { evaluateSnapped, type SnappedLayer } from '../../src/formula/evaluate.ts';

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

describe('the shortest exact form', () => {
  it('clears the denominators of a sum when that prints shorter', () => {
    // Ef q / (m omega_0^2) / (1 - omega^2 / omega_0^2), as the (y/M0)^-1 stage reads it.
    const S = ['Ef', 'q', 'm', 'omega_0', 'omega'];
    const net = [m([[0, 0, 0, 0, 0], [0, 0, 0, -2, 2], [1, 1, -1, -2, 0]]), a([[1, -1, 0], [0, 0, 1]]), m([[-1, 1]]), a([[1]])];
    const rng = new Random(2);
    const x = Array.from({ length: 100 }, () => [rng.between(1, 5), rng.between(1, 5), rng.between(1, 5), rng.between(3, 4), rng.between(1, 2)]);
    const y = evaluateSnapped(net, x).map((r) => [r[0]]);
    const read = readFormula(net, S, { x, y, precision: y.map(() => [0]) }, S.map(() => true));
    expect(read.train.exact).toBe(true);
    expect(read.text).toBe('Ef * q / ((omega_0^2 - omega^2) * m)');
  });
});

describe('pruning', () => {
  it('keeps only units that reach the output through non-zero weights', () => {
    const net = [m([[1, 0], [0, 1], [1, 1]]), a([[0, 2, 0]])];
    expect(prune(net)).toEqual([m([[0, 1]]), a([[2]])]);
  });
});

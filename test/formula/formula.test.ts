import { describe, expect, it } from 'vitest';
import { readFormula } from '../../src/formula/formula.ts';
import { evaluateSnapped, type SnappedLayer } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';

const m = (weights: number[][]): SnappedLayer => ({ kind: 'caluM', weights });
const a = (weights: number[][]): SnappedLayer => ({ kind: 'caluA', weights });

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

describe('the constants of a formula', () => {
  const rng = new Random(3);
  const x = Array.from({ length: 60 }, () => [rng.between(1, 3), rng.between(1, 3)]);

  it('are given their exact form when the formula stays exact with it', () => {
    const y = x.map(([q, r]) => [q / (4 * Math.PI * r)]);
    const read = readFormula([m([[1, -1]]), a([[0.0795774715459477]])], ['q', 'r'], { x, y, precision: y.map(() => [0]) });
    expect(read.text).toBe('q / (4 * pi * r)');
    expect(read.train.exact).toBe(true);
    expect(read.complexity).toBe(8);
  });

  it('are snapped on data written to few digits, which then proves the formula', () => {
    // y = x1 x2 / 3 written to 4 decimals; the refitted coefficient is a little off.
    const y = x.map(([p, q]) => [Number(((p * q) / 3).toFixed(4))]);
    const read = readFormula([m([[1, 1]]), a([[0.33334]])], ['x1', 'x2'], { x, y, precision: y.map(() => [0.00005]) });
    expect(read.text).toBe('x1 * x2 / 3');
    expect(read.train.exact).toBe(true);
  });

  it('keep six digits in a formula that is not exact anyway', () => {
    const y = x.map(([p, q]) => [p * q + 0.01 * Math.sin(p)]);
    const read = readFormula([m([[1, 1]]), a([[1.0123456789]])], ['x1', 'x2'], { x, y, precision: y.map(() => [0]) });
    expect(read.text).toBe('1.01235 * x1 * x2');
    expect(read.train.exact).toBe(false);
    expect(evaluateSnapped(read.layers, [[1, 1]])[0][0]).toBe(1.01235);
  });
});

import { describe, expect, it } from 'vitest';
import { readFormula } from '../../src/formula/formula.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import { splitRows } from '../../src/result/holdout.ts';
import { digitsFor, readUnderNoise } from '../../src/result/noisy.ts';
import { Random } from '../../src/util/random.ts';

/** n rows of inputs in [1, 5], y = f(x) plus Gaussian noise of level * RMS(f). */
function rows(n: number, inputs: number, f: (x: number[]) => number, level: number, seed: number) {
  const rng = new Random(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: inputs }, () => rng.between(1, 5)));
  const clean = x.map(f);
  const sigma = level * Math.sqrt(clean.reduce((s, v) => s + v * v, 0) / n);
  const y = clean.map((v) => [v + sigma * rng.normal()]);
  return { x, y, precision: y.map(() => [0]) };
}

function underNoise(layers: SnappedLayer[], symbols: string[], all: ReturnType<typeof rows>) {
  const positive = symbols.map(() => true);
  const read = readFormula(layers, symbols, all, positive);
  return readUnderNoise(read, { symbols, positive, all, holdout: splitRows(all, 1) })!;
}

describe('constants under noise', () => {
  it('takes an exact form within two standard errors, keeps the fitted value and interval beside it, and drops terms that fit only the noise', () => {
    const all = rows(1000, 4, ([q1, q2, e, r]) => (q1 * q2) / (4 * Math.PI * e * r * r), 0.01, 3);
    const net: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 1, -1, -2], [1, 0, 0, 0], [0, 1, -1, 0]] },
      { kind: 'caluA', weights: [[0.0795, 0.001, 0.002]] },
    ];
    const r = underNoise(net, ['q1', 'q2', 'epsilon', 'r'], all);
    expect(r.formula.text).toBe('q1 * q2 / (4 * pi * epsilon * r^2)');
    expect(r.parameters).toBe(0);
    expect(r.constants).toHaveLength(1);
    const c = r.constants[0];
    expect(c.exact).toBe('1 / (4 * pi)');
    expect(c.interval[0]).toBeLessThan(1 / (4 * Math.PI));
    expect(c.interval[1]).toBeGreaterThan(1 / (4 * Math.PI));
    expect(c.interval).toEqual([c.value - 2 * c.stdError, c.value + 2 * c.stdError]);
    expect(r.heldOut.rows).toBe(200);
    expect(r.heldOut.rmsRelError).toBeGreaterThan(0.005);
    expect(r.heldOut.rmsRelError).toBeLessThan(0.015);
  });

  it('refuses an exact form outside the interval: 0.083 with 0.1% noise is not 1/12', () => {
    const all = rows(1000, 2, ([a, b]) => 0.083 * a * b, 0.001, 4);
    const r = underNoise([{ kind: 'caluM', weights: [[1, 1]] }, { kind: 'caluA', weights: [[0.0831]] }], ['x1', 'x2'], all);
    const c = r.constants[0];
    expect(c.exact).toBeNull();
    expect(c.interval[1]).toBeLessThan(1 / 12);
    expect(c.interval[0]).toBeLessThan(0.083);
    expect(c.interval[1]).toBeGreaterThan(0.083);
    // Printed to the digits its standard error supports.
    expect(r.formula.text).toBe(`${Number(c.value.toPrecision(digitsFor(c.value, c.stdError)))} * x1 * x2`);
    expect(r.formula.text).toMatch(/^0\.08\d{3,6} \* x1 \* x2$/);
  });

  it('prints a coefficient to one digit past its standard error', () => {
    expect(digitsFor(0.999461, 0.0006)).toBe(5);
    expect(digitsFor(123.456, 0.02)).toBe(6);
    expect(digitsFor(0.5, 0.3)).toBe(3);
  });

  it('reads a network with a feature block under noise: the block stays as it is, the coefficient after it takes its exact form', () => {
    // r F sin(theta) / 2 with 1% noise: theta -> exp(i theta) joins the inputs, then one monomial r F Im(e).
    const all = rows(1000, 3, ([r, F, t]) => (r * F * Math.sin(t)) / 2, 0.01, 5);
    const net: SnappedLayer[] = [
      { kind: 'caluM', weights: [[0, 0, 1]] },
      { kind: 'caluE', weights: [[0]], imag: [[1]], join: true },
      { kind: 'caluM', weights: [[1, 1, 0, 0, 1]] },
      { kind: 'caluA', weights: [[0.497]] },
    ];
    const r = underNoise(net, ['r', 'F', 'theta'], all);
    expect(r.formula.text).toBe('r * F * sin(theta) / 2');
    expect(r.constants.map((c) => c.exact)).toEqual(['1 / 2']);
    expect(r.fitted.slice(0, 2)).toEqual(net.slice(0, 2));
  });
});

import { describe, expect, it } from 'vitest';
import { dictionary, logPool, productFits, unitBlock } from '../../src/formula/logPool.ts';
import { readFormula } from '../../src/formula/formula.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import type { Rows } from '../../src/data/rows.ts';
import { Random } from '../../src/util/random.ts';

function rows(f: (v: number[]) => number, D: number, lo = 1, hi = 5, seed = 5): Rows {
  const rng = new Random(seed);
  const x = Array.from({ length: 300 }, () => Array.from({ length: D }, () => rng.between(lo, hi)));
  return { x, y: x.map((v) => [f(v)]), precision: x.map(() => [0]) };
}

/** A frozen block giving exp(c u) (real weight) or the turn cos t, sin t (imaginary weight) of the monomial u. */
function block(exponents: number[], re: number, im = 0): SnappedLayer[] {
  return [
    { kind: 'caluM', weights: [exponents] },
    { kind: 'caluE', weights: [[re]], imag: [[im]], join: true },
  ];
}

function read(layers: SnappedLayer[] | null, r: Rows, symbols: string[]): string {
  expect(layers).not.toBeNull();
  const f = readFormula(layers!, symbols, r);
  expect(f.train.exact).toBe(true);
  return f.text;
}

describe('pooling in log space', () => {
  it("reads Planck's law over exp(h omega/(2 pi kb T)) with every exponent and constant exact", () => {
    const r = rows(([h, w, k, T]) => (h * w) / (2 * Math.PI) / (Math.exp((h * w) / (2 * Math.PI * k * T)) - 1), 4);
    const text = read(logPool(block([1, 1, -1, -1], 1 / (2 * Math.PI)), r), r, ['h', 'omega', 'kb', 'T']);
    expect(text).toBe('h * omega / (2 * pi * (exp(h * omega / (2 * pi * kb * T)) - 1))');
  });

  it('reads tanh u as a quotient of exp(2u) - 1 and exp(2u) + 1, and a Boltzmann factor as a power of E', () => {
    const t = rows(([n, m, B, k, T]) => n * m * Math.tanh((m * B) / (k * T)), 5);
    expect(read(logPool(block([0, 1, 1, -1, -1], 2), t), t, ['n', 'mom', 'B', 'kb', 'T'])).toBe('n * mom * (exp(2 * mom * B / (kb * T)) - 1) / (exp(2 * mom * B / (kb * T)) + 1)');
    const b = rows(([n, m, x]) => n * Math.exp(-m / x), 3);
    expect(read(logPool(block([0, 1, -1], 1), b), b, ['n', 'm', 'x'])).toBe('n * exp(-m / x)');
  });

  it('reads products of cos t, sin t and 1 - cos t over a turn, signs included', () => {
    const s = rows(([a, t, r]) => (3 * a * Math.cos(t) * Math.sin(t)) / r ** 3, 3, 0.5, 6);
    expect(read(logPool(block([0, 1, 0], 0, 1), s), s, ['a', 't', 'r'])).toBe('3 * a * cos(t) * sin(t) / r^3');
    const h = rows(([a, t]) => (a / Math.sin(t / 2) ** 2) ** 2, 2, 1, 3);
    expect(read(logPool(block([0, 1], 0, 1), h), h, ['a', 't'])).toBe('4 * a^2 / (cos(t) - 1)^2');
  });

  it('gives nothing where the target is no such product, or has a zero', () => {
    // a exp(-b/c) + a is a (E + 1)/E, a product; with b in place of the second a it is none.
    const product = rows(([a, b, c]) => a * Math.exp(-b / c) + a, 3);
    expect(read(logPool(block([0, 1, -1], 1), product), product, ['a', 'b', 'c'])).toBe('a * (1 + exp(-b / c))');
    const sum = rows(([a, b, c]) => a * Math.exp(-b / c) + b, 3);
    expect(logPool(block([0, 1, -1], 1), sum)).toBeNull();
    const zero = rows(([a, b]) => a * Math.exp(b), 2);
    zero.y[7] = [0];
    expect(logPool(block([0, 1], 1), zero)).toBeNull();
  });

  it('reads a block of several units, dropping the ones the product does not use', () => {
    const r = rows(([a, t, w]) => a * Math.exp(-t) * Math.sin(w * t), 3, 0.2, 3);
    const units = [
      { exponents: [0, 1, 0], weight: [1, 0] as [number, number] },
      { exponents: [1, 0, 0], weight: [0, 1] as [number, number] },
      { exponents: [0, 1, 1], weight: [0, 1] as [number, number] },
    ];
    expect(read(logPool(unitBlock(units), r), r, ['a', 't', 'w'])).toBe('a * exp(-t) * sin(t * w)');
  });

  it('chooses the arguments of a product from a dictionary, and gives nothing for a sum', () => {
    const units = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, 1], [1, 0, -1], [0, 1, -1]].flatMap((e) => [
      { exponents: e, weight: [-1, 0] as [number, number] },
      { exponents: e, weight: [0, 1] as [number, number] },
      { exponents: e, weight: [0, 0.5] as [number, number] },
    ]);
    const damped = rows(([a, t, w]) => 2 * a * Math.exp(-t) * Math.cos(w * t), 3, 0.2, 3);
    expect(read(productFits(damped, 0, dictionary(units, damped.x, 128))[0], damped, ['a', 't', 'w'])).toBe('2 * a * cos(t * w) * exp(-t)');
    const three = rows(([a, b, c]) => (Math.sin(a) * (1 - Math.cos(b / c))) / Math.exp(b), 3, 0.3, 3);
    expect(read(productFits(three, 0, dictionary(units, three.x, 128))[0], three, ['a', 'b', 'c'])).toBe('2 * sin(b / (2 * c))^2 * sin(a) * exp(-b)');
    const sum = rows(([a, t, w]) => Math.exp(-t) + Math.cos(w * t) + a, 3, 0.2, 3);
    expect(productFits(sum, 0, dictionary(units, sum.x, 128))).toEqual([]);
  });

  it('offers each chosen argument at its other scales too, where the product may read shorter', () => {
    const units = [[1, 0], [0, 1], [1, 1]].flatMap((e) => [1, 2].map((c) => ({ exponents: e, weight: [0, c] as [number, number] })));
    const r = rows(([a, b]) => a * Math.sin(2 * b) ** 2, 2, 0.2, 3);
    const texts = productFits(r, 0, dictionary(units, r.x, 128)).map((layers) => readFormula(layers, ['a', 'b'], r)).filter((f) => f.train.exact).map((f) => f.text);
    expect(texts).toContain('a * sin(2 * b)^2');
    expect(texts.length).toBeGreaterThan(1);
  });

  it('prints a constant with pi^3 in its exact form', () => {
    const r = rows(([a, b]) => a ** 3 / (8 * Math.PI ** 3 * (Math.exp(a / b) - 1)), 2);
    expect(read(logPool(block([1, -1], 1), r), r, ['a', 'b'])).toBe('a^3 / (8 * pi^3 * (exp(a / b) - 1))');
  });
});

import { describe, expect, it } from 'vitest';
import { argumentDictionary, factorsWithin, rankedArguments } from '../../src/train/rankedArguments.ts';
import { Random } from '../../src/util/random.ts';

describe('the dictionary of arguments a product is chosen from', () => {
  it('holds every signed monomial of up to five inputs at each exponential and turn scale, where it varies and stays finite', () => {
    const rng = new Random(2);
    const x = Array.from({ length: 300 }, () => [rng.between(1, 2), rng.between(1, 2), 3]);
    const d = argumentDictionary(x, 64);
    expect(d.rows).toBe(64);
    expect(d.groups).toHaveLength(d.units.length);
    // The third input is constant: no argument of it alone.
    expect(d.units.some((u) => u.exponents.join() === '0,0,1')).toBe(false);
    expect(d.units.filter((u) => u.exponents.join() === '1,-1,1').map((u) => u.weight.join())).toEqual(d.units.filter((u) => u.exponents.join() === '1,0,0').map((u) => u.weight.join()));
    expect(new Set(d.units.map((u) => (u.weight[0] ? 'exp' : 'turn')))).toEqual(new Set(['exp', 'turn']));
    for (const g of d.groups) expect(g).toHaveLength(3);
  });

  it('keeps fewer inputs per argument when the inputs are many', () => {
    const x = Array.from({ length: 10 }, (_, i) => Array.from({ length: 9 }, (_, j) => 1 + ((i * 7 + j * 3) % 10) / 5));
    const d = argumentDictionary(x, 10);
    expect(d.units.length).toBeLessThanOrEqual(8000);
    expect(Math.max(...d.units.map((u) => u.exponents.filter((e) => e !== 0).length))).toBeLessThan(5);
  });

  it('counts the signed monomials within a limit without listing them, down to none', () => {
    // 7 inputs: 7 + 21*2 + 35*4 + 35*8 + 21*16 = 805 monomials of up to five factors.
    expect(factorsWithin(7, 805)).toBe(5);
    expect(factorsWithin(7, 804)).toBe(4);
    expect(factorsWithin(1000, 999)).toBe(0);
  });

  it('ranks no arguments of very wide inputs, where each fit would cost more than the search', () => {
    const rng = new Random(4);
    const x = Array.from({ length: 200 }, () => Array.from({ length: 60 }, () => rng.between(1, 2)));
    expect(rankedArguments('exp', x, x.map((r) => Math.exp(r[0])), 8)).toEqual([]);
    expect(argumentDictionary(x, 64).units.every((u) => u.exponents.filter((e) => e !== 0).length === 1)).toBe(true);
  });
});

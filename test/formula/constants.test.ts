import { describe, expect, it } from 'vitest';
import { recognize } from '../../src/formula/constants.ts';

const tight = (c: number) => recognize(c, Math.abs(c) * 1e-12)[0]?.text;

describe('exact recognition of a fitted constant', () => {
  it('finds integers and small rationals', () => {
    expect(tight(2)).toBe('2');
    expect(tight(-1)).toBe('-1');
    expect(tight(1.5)).toBe('3 / 2');
    expect(tight(-6.4)).toBe('-32 / 5');
    expect(tight(0.6)).toBe('3 / 5');
  });

  it('finds rationals times powers of pi', () => {
    expect(tight(1 / (4 * Math.PI))).toBe('1 / (4 * pi)');
    expect(tight(2 * Math.PI)).toBe('2 * pi');
    expect(tight(3 / (8 * Math.PI))).toBe('3 / (8 * pi)');
    expect(tight(Math.PI ** 2 / 6)).toBe('pi^2 / 6');
    // (2 pi)^3 in densities of states, pi^3 beside a Bose integral.
    expect(tight(1 / (8 * Math.PI ** 3))).toBe('1 / (8 * pi^3)');
    expect(tight(Math.PI ** 3 / 15)).toBe('pi^3 / 15');
  });

  it('finds square roots of rationals', () => {
    expect(tight(Math.SQRT2)).toBe('sqrt(2)');
    expect(tight(Math.sqrt(3) / 2)).toBe('sqrt(3) / 2');
  });

  it('refuses a value with no simple exact form', () => {
    expect(recognize(0.123456789, 0.123456789 * 1e-12)).toEqual([]);
    expect(recognize(Math.E, Math.E * 1e-12)).toEqual([]);
  });

  it('calls a value within the tolerance of zero zero', () => {
    expect(tight(1e-17)).toBeUndefined();
    expect(recognize(1e-17, 1e-15)[0].text).toBe('0');
  });

  it('offers only forms within the tolerance', () => {
    const c = 1 / (4 * Math.PI) + 1e-6;
    expect(recognize(c, c * 1e-12)).toEqual([]);
    expect(recognize(c, c * 1e-4).map((f) => f.text)).toContain('1 / (4 * pi)');
  });
});

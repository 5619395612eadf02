import { describe, expect, it } from 'vitest';
import { powerLaw } from '../../src/formula/powerLaw.ts';
import { Random } from '../../src/util/random.ts';

const rng = new Random(11);
const x = Array.from({ length: 50 }, () => [rng.between(1, 5), rng.between(1, 5), rng.between(1, 5)]);

describe('the dominant monomial', () => {
  it('is the power law that fits log|y| best, its exponents rounded', () => {
    expect(powerLaw(x, x.map(([a, b]) => (3 * a * a) / b))).toEqual([2, -1, 0]);
    // A small second term moves the fitted exponents a little; they still round to the large term's.
    expect(powerLaw(x, x.map(([a, b, c]) => -(a * a) / b + 0.01 * c))).toEqual([2, -1, 0]);
  });

  it('leaves out rows where y is 0', () => {
    const y = x.map(([a, , c], i) => (i % 5 === 0 ? 0 : a * c));
    expect(powerLaw(x, y)).toEqual([1, 0, 1]);
  });

  it('is null when an input is not positive, or when the monomial is 1', () => {
    expect(powerLaw(x.map(([a, b, c]) => [a - 3, b, c]), x.map(([a]) => a))).toBeNull();
    expect(powerLaw(x, x.map(() => 7))).toBeNull();
    expect(powerLaw(x.slice(0, 3), x.slice(0, 3).map(([a]) => a))).toBeNull();
  });
});

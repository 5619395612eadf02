import { describe, expect, it } from 'vitest';
import { dominantMonomials } from '../../src/formula/powerLaw.ts';
import { Random } from '../../src/util/random.ts';

describe('the dominant monomial of a target', () => {
  const rng = new Random(7);
  const x = Array.from({ length: 500 }, () => [rng.between(1, 2), rng.between(1, 2), rng.between(3, 5)]);

  it('is the best power law rounded, and also rounded toward zero when a sum in a denominator inflates it', () => {
    // a^2 w^4 / (w0^2 - w^2)^2: the fit gives w^4.7 w0^-4.8, rounded w^5 w0^-5.
    const y = x.map(([a, w, w0]) => (a * a * w ** 4) / (w0 * w0 - w * w) ** 2);
    expect(dominantMonomials(x, y)).toEqual({ rounded: [2, 5, -5], towardZero: [2, 4, -4] });
  });

  it('has no second form when the power law is exact', () => {
    const y = x.map(([a, w, w0]) => (a * a * w) / w0 ** 3);
    expect(dominantMonomials(x, y)).toEqual({ rounded: [2, 1, -3], towardZero: null });
  });
});

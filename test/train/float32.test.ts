import { describe, expect, it } from 'vitest';
import { checkFloat32Range, scaledForTraining, trainingScale } from '../../src/train/float32.ts';

describe('data far from 1, for float32 training', () => {
  it('trains a column as written when its largest magnitude lies between about 1e-6 and 1e12', () => {
    for (const top of [1e-6, 0.5, 2, 1e12]) expect(trainingScale([0, -top, top / 3])).toBe(1);
    expect(trainingScale([0, 0])).toBe(1);
    const inside = [-2, 0.5, 2];
    expect(scaledForTraining([inside])[0]).toBe(inside);
  });

  it('divides a column beyond that by the power of two nearest its largest magnitude', () => {
    expect(trainingScale([1e300, -3e299])).toBe(2 ** 997);
    expect(trainingScale([1e-20, 3e-21])).toBe(2 ** -66);
    const [scaled] = scaledForTraining([[1e300, -3e299]]);
    expect(scaled).toEqual([1e300 / 2 ** 997, -3e299 / 2 ** 997]);
    expect(Math.abs(scaled[0])).toBeGreaterThan(0.7);
    expect(Math.abs(scaled[0])).toBeLessThan(1.5);
  });

  it('refuses, in one line, an input column spanning more powers of ten than float32 holds', () => {
    expect(() => checkFloat32Range('a.csv', ['x1', 'x2'], [[1e-30, 0, 1e6], [1, 2]])).not.toThrow();
    expect(() => checkFloat32Range('a.csv', ['x1', 'x2'], [[1, 2], [1e-300, -1, 1e300]])).toThrow(
      'a.csv: column "x2" holds values from 1.0e-300 to 1.0e+300 in size, 600 powers of ten apart; training runs in float32, which cannot hold more than 37 in one column, even rescaled',
    );
  });
});

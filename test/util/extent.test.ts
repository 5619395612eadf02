import { describe, expect, it } from 'vitest';
import { maxOf, minOf, spreadIndices } from '../../src/util/extent.ts';

describe('minOf and maxOf', () => {
  it('agree with Math.min and Math.max, NaN included', () => {
    expect(minOf([3, -1, 2])).toBe(-1);
    expect(maxOf([3, -1, 2])).toBe(3);
    expect(minOf(new Float64Array([4, 5]))).toBe(4);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([])).toBe(-Infinity);
    expect(maxOf([1, NaN, 2])).toBeNaN();
    expect(minOf([1, NaN, 2])).toBeNaN();
  });

  it('take millions of values, where a spread overflows the stack', () => {
    const big = Array.from({ length: 3_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(() => Math.max(...big)).toThrow(RangeError);
    expect(maxOf(big)).toBe(1_000_002);
    expect(minOf(big)).toBe(0);
  });
});

describe('spreadIndices', () => {
  it('keeps every index of a short list, and k evenly spaced ones of a long one', () => {
    expect(spreadIndices(3, 5)).toEqual([0, 1, 2]);
    expect(spreadIndices(10, 4)).toEqual([0, 2, 5, 7]);
    expect(spreadIndices(1_000_000, 400)).toHaveLength(400);
  });
});

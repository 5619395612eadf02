import { describe, expect, it } from 'vitest';
import { sampleRows, targetRows } from '../../src/data/rows.ts';
import { Random } from '../../src/util/random.ts';

const rows = {
  x: [[1], [2], [3], [4], [5], [6]],
  y: [[10, 100], [20, 200], [30, 300], [40, 400], [50, 500], [60, 600]],
  precision: [[0, 0.5], [0, 0.5], [0, 0.5], [0, 0.5], [0, 0.5], [0, 0.5]],
};

describe('rows', () => {
  it('give one target as a set of its own', () => {
    const second = targetRows(rows, 1);
    expect(second.x).toBe(rows.x);
    expect(second.y).toEqual([[100], [200], [300], [400], [500], [600]]);
    expect(second.precision).toEqual(rows.precision.map(() => [0.5]));
  });

  it('are sampled without repeats, in their order, the same for the same seed', () => {
    const a = sampleRows(rows, 4, new Random(7));
    expect(a.x).toHaveLength(4);
    expect(new Set(a.x.map((r) => r[0])).size).toBe(4);
    expect(a.x.map((r) => r[0])).toEqual([...a.x.map((r) => r[0])].sort((p, q) => p - q));
    // Each row keeps its own targets and precision.
    a.x.forEach((r, i) => expect(a.y[i]).toEqual([10 * r[0], 100 * r[0]]));
    expect(sampleRows(rows, 4, new Random(7))).toEqual(a);
    expect(sampleRows(rows, 10, new Random(7)).x).toEqual(rows.x);
  });
});

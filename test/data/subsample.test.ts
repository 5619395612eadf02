import { describe, expect, it } from 'vitest';
import { searchIndices } from '../../src/data/subsample.ts';
import { fromArrays } from '../../src/data/fromArrays.ts';
import { Random } from '../../src/util/random.ts';

function data(rows: number, seed = 1) {
  const rng = new Random(seed);
  const x1 = Array.from({ length: rows }, () => rng.between(-2, 2));
  const x2 = Array.from({ length: rows }, () => rng.between(1, 3));
  return fromArrays({ x1, x2, y: x1.map((v, i) => v * x2[i]) }, { targets: ['y'] });
}

describe('the rows the search trains on', () => {
  it('are every row of a file no larger than the subsample, as it is', () => {
    expect(searchIndices(data(500), 500, 1)).toBeNull();
    expect(searchIndices(data(499), 500, 1)).toBeNull();
  });

  it('are a seeded subsample of a larger file: n distinct rows in file order, the same for the same seed', () => {
    for (const rows of [20_000, 700]) {
      const d = data(rows);
      const idx = searchIndices(d, 500, 7)!;
      expect(idx).toHaveLength(500);
      expect(new Set(idx).size).toBe(500);
      expect([...idx]).toEqual([...idx].sort((a, b) => a - b));
      expect(idx[0]).toBeGreaterThanOrEqual(0);
      expect(idx[499]).toBeLessThan(rows);
      expect(searchIndices(d, 500, 7)).toEqual(idx);
      expect(searchIndices(d, 500, 8)).not.toEqual(idx);
    }
  });

  it('cover the ranges: the rows with each column\'s smallest and largest value are in it', () => {
    const d = data(50_000, 3);
    const idx = new Set(searchIndices(d, 64, 1));
    for (const col of [...d.inputColumns, ...d.targetColumns]) {
      let lo = 0;
      let hi = 0;
      col.forEach((v, i) => {
        if (v < col[lo]) lo = i;
        if (v > col[hi]) hi = i;
      });
      expect(idx.has(lo), `row ${lo}`).toBe(true);
      expect(idx.has(hi), `row ${hi}`).toBe(true);
    }
  });
});

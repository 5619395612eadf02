import { describe, expect, it } from 'vitest';
import { refitBase } from '../../src/train/residual.ts';
import { residuals } from '../../src/formula/refit.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';

describe('the base of a residual stage', () => {
  const rng = new Random(3);
  const x = Array.from({ length: 200 }, () => [rng.between(1, 3), rng.between(1, 3), rng.between(1, 2)]);
  // y = 8 a b - c^2 / 10: one large term, one small.
  const y = x.map(([a, b, c]) => [8 * a * b - (c * c) / 10]);
  const rows = { x, y, precision: y.map(() => [0]) };

  it('keeps only the large terms of a noisy wide network, refitted', () => {
    const wide: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 1, 0], [2, 0, 0], [0, 0, -1], [1, 1, 1], [0, 1, 0]] },
      { kind: 'caluA', weights: [[7.9, 0.01, -0.3, 0.02, 0.1]] },
    ];
    const base = refitBase(wide, rows)!;
    expect(base[0].weights[0]).toEqual([1, 1, 0]);
    // What the base leaves is the small term, plus what the large one's coefficient absorbed of it.
    const left = residuals(base, rows);
    const rms = Math.sqrt(left.reduce((s, v) => s + v * v, 0) / left.length);
    expect(rms).toBeGreaterThan(0.01);
    expect(rms).toBeLessThan(0.5);
  });
});

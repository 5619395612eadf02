import { describe, expect, it } from 'vitest';
import { refineScale } from '../../src/formula/refine.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';

/** Rows of (A, t) and y = A sin(2 pi t). */
function rows(n: number) {
  const rng = new Random(5);
  const x = Array.from({ length: n }, () => [rng.between(1, 5), rng.between(0, 2)]);
  const y = x.map(([A, t]) => [A * Math.sin(2 * Math.PI * t)]);
  return { x, y, precision: y.map(() => [0]) };
}

const network = (turn: number): SnappedLayer[] => [
  { kind: 'caluM', weights: [[0, 1]] },
  { kind: 'caluE', weights: [[0]], imag: [[turn]], join: true },
  { kind: 'caluM', weights: [[1, 0, 0, 1]] },
  { kind: 'caluA', weights: [[1]] },
];

describe('a feature scale that is no value of Q', () => {
  it('refines the turn from where training left it to its exact form, 2 pi', () => {
    const refined = refineScale(network(6), network(6.2), rows(150));
    expect(refined).not.toBeNull();
    expect(refined?.[1].imag?.[0][0]).toBe(2 * Math.PI);
    expect(refined?.[3].weights[0][0]).toBeCloseTo(1, 12);
  });

  it('gives nothing when the unit has more than one weight or no feature block', () => {
    const two = network(6);
    two[0] = { kind: 'caluM', weights: [[1, 1]] };
    two[1] = { kind: 'caluE', weights: [[0.5]], imag: [[6]], join: true };
    expect(refineScale(two, two, rows(40))).toBeNull();
    const plain: SnappedLayer[] = [{ kind: 'caluM', weights: [[1, 1]] }, { kind: 'caluA', weights: [[1]] }];
    expect(refineScale(plain, plain, rows(40))).toBeNull();
  });

  it('gives nothing when no simple constant near the best scale is exact', () => {
    const data = rows(150);
    data.y = data.x.map(([A, t]) => [A * Math.sin(6.1234567 * t)]);
    expect(refineScale(network(6), network(6.1), data)).toBeNull();
  });
});

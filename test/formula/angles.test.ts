import { describe, expect, it } from 'vitest';
import { angleForms } from '../../src/formula/angles.ts';
import { evaluateSnapped, type SnappedLayer } from '../../src/formula/evaluate.ts';
import { joinFeatures } from '../../src/formula/features.ts';
import { Random } from '../../src/util/random.ts';

/** Rows of (U, k, d) and y = 2 U (1 - cos(k d)). */
function rows(n: number) {
  const rng = new Random(3);
  const x = Array.from({ length: n }, () => [rng.between(1, 5), rng.between(1, 5), rng.between(1, 5)]);
  const y = x.map(([U, k, d]) => [2 * U * (1 - Math.cos(k * d))]);
  return { x, y, precision: y.map(() => [0]) };
}

// The block computes exp(i k d / 2): a network that wrote the formula as 4 U sin(k d/2)^2.
const halfTurn: SnappedLayer[] = [
  { kind: 'caluM', weights: [[0, 1, 1]] },
  { kind: 'caluE', weights: [[0]], imag: [[0.5]], join: true },
];
const tail: SnappedLayer[] = [{ kind: 'caluM', weights: [[1, 0, 0, 0, 2]] }, { kind: 'caluA', weights: [[4]] }];

describe('other powers and multiples of an angle', () => {
  it('offers the same sum at the angle as it is, doubled and halved, each exact where a sparse sum exists', () => {
    const data = rows(120);
    const forms = angleForms({ block: halfTurn, tail }, data);
    // At k d / 2 (4 U sin^2) and at k d (2 U - 2 U cos); at k d / 4 no sum of degree two in cos and sin is exact.
    expect(forms.map((f) => f.block[1].imag?.[0][0])).toEqual([0.5, 1]);
    const doubled = forms[1];
    // Elimination by halves keeps U cos^2 + U sin^2 for U: exact, not the sparsest; the formula reader prints the shortest form.
    expect(doubled.tail[0].weights).toEqual([[1, 0, 0, 1, 0], [1, 0, 0, 2, 0], [1, 0, 0, 0, 2]]);
    const want = data.y.map((t) => t[0]);
    const got = evaluateSnapped(joinFeatures(doubled.block, doubled.tail), data.x).map((o) => o[0]);
    got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(want[i]))));
    expect(doubled.tail[1].weights[0].map((c) => Math.round(c * 1e9) / 1e9)).toEqual([-2, 2, 2]);
    expect(forms[0].tail[0].weights).toEqual([[1, 0, 0, 0, 2]]);
  });

  it('leaves networks that are not one turn read by a sum alone', () => {
    const data = rows(40);
    const decay: SnappedLayer[] = [halfTurn[0], { kind: 'caluE', weights: [[-1]], imag: [[0]], join: true }];
    expect(angleForms({ block: decay, tail }, data)).toEqual([]);
    expect(angleForms({ block: [], tail }, data)).toEqual([]);
  });
});

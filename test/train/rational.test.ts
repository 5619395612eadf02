import { describe, expect, it } from 'vitest';
import { readRational } from '../../src/train/rational.ts';
import { StageTarget } from '../../src/train/target.ts';
import { resolveTransform } from '../../src/train/transform.ts';
import { evaluateSnapped, type SnappedLayer } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';

const rng = new Random(9);
const x = Array.from({ length: 40 }, () => [rng.between(1, 2), rng.between(1, 2)]);

describe('the rational reader', () => {
  it('reads (u + v)/(1 + u v) off a snapped layer holding its monomials, among others', () => {
    const y = x.map(([u, v]) => [(u + v) / (1 + u * v)]);
    const all = { x, y, precision: y.map(() => [0]) };
    const target = new StageTarget(0, resolveTransform({ kind: 'power', power: 1, byDominant: false }, null)!, false, null, all);
    // A restart's units, with a repeat and one monomial the relation does not need.
    const snapped: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 0], [0, 1], [0, 0], [1, 1], [1, 0], [2, -1]] },
      { kind: 'caluA', weights: [[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]] },
    ];
    const [reading] = readRational(snapped, { sample: all, rows: all, targets: [target] });
    expect(reading!.extractor).toBe('refit');
    const read = reading!.layers;
    // N and D over the distinct monomials, then y = N^1 D^-1.
    expect(read[0].weights).toEqual([[1, 0], [0, 1], [0, 0], [1, 1], [2, -1]]);
    expect(read[2].weights).toEqual([[1, -1]]);
    const [n, d] = read[1].weights;
    expect(n[4]).toBe(0);
    expect(d[4]).toBe(0);
    evaluateSnapped(read, x).forEach((p, i) => expect(p[0]).toBeCloseTo(y[i][0], 12));
  });

  it('reads y through its transform: y^2 = N/D', () => {
    const y = x.map(([u, v]) => [Math.sqrt(u / (u + v))]);
    const all = { x, y, precision: y.map(() => [0]) };
    const target = new StageTarget(0, resolveTransform({ kind: 'power', power: 2, byDominant: false }, null)!, false, null, all);
    const stage = { x, y: target.values(all).y.map((v) => [v]), precision: y.map(() => [0]) };
    const snapped: SnappedLayer[] = [{ kind: 'caluM', weights: [[1, 0], [0, 1]] }, { kind: 'caluA', weights: [[0, 0], [0, 0]] }];
    const read = readRational(snapped, { sample: stage, rows: all, targets: [target] })[0]!.layers;
    expect(read[2].weights).toEqual([[0.5, -0.5]]);
    evaluateSnapped(read, x).forEach((p, i) => expect(p[0]).toBeCloseTo(y[i][0], 12));
  });
});

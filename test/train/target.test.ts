import { describe, expect, it } from 'vitest';
import { StageTarget } from '../../src/train/target.ts';
import { resolveTransform } from '../../src/train/transform.ts';
import { evaluateSnapped, type SnappedLayer } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';

const rng = new Random(8);
const x = Array.from({ length: 50 }, () => [rng.between(1, 3), rng.between(1, 3)]);
// Two targets; the stage trains the second: y = a b + a^2 / 20 (one large term, one small).
const all = { x, y: x.map(([a, b]) => [0, a * b + (a * a) / 20]), precision: x.map(() => [0, 0]) };
const plain = resolveTransform({ kind: 'power', power: 1, byDominant: false }, null)!;

describe('a stage target', () => {
  it('trains on y itself, or on its transform, from its own column', () => {
    const t = new StageTarget(1, plain, false, null, all);
    expect(t.values(all).y).toEqual(all.y.map((r) => r[1]));
    const inverse = new StageTarget(1, resolveTransform({ kind: 'power', power: -1, byDominant: false }, null)!, false, null, all);
    inverse.values(all).y.forEach((v, i) => expect(v).toBeCloseTo(1 / all.y[i][1], 15));
  });

  it('with a base, trains on what the base leaves, and reads a fit of that as the union refitted', () => {
    // The base: a wide network whose one large term is a b.
    const base: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 1], [0, 1], [-1, 0]] },
      { kind: 'caluA', weights: [[1.02, 0.01, -0.02]] },
    ];
    const t = new StageTarget(1, plain, false, base, all);
    const left = t.values(all).y;
    // What is left is about the small term a^2/20 (the large term's refit absorbs a little of it).
    const rms = Math.sqrt(left.reduce((s, v) => s + v * v, 0) / left.length);
    expect(rms).toBeGreaterThan(0.01);
    expect(rms).toBeLessThan(0.3);
    // A restart that found the small term: the union with the base fits y exactly.
    const small: SnappedLayer[] = [{ kind: 'caluM', weights: [[2, 0]] }, { kind: 'caluA', weights: [[0.05]] }];
    const own = t.own(small, all)!;
    evaluateSnapped(own, x).forEach((p, i) => expect(p[0]).toBeCloseTo(all.y[i][1], 10));
    expect(own[0].weights).toContainEqual([2, 0]);
    expect(own[0].weights).toContainEqual([1, 1]);
  });

  it('reads back through the inverse transform, sign included', () => {
    const square = new StageTarget(1, resolveTransform({ kind: 'power', power: 2, byDominant: false }, null)!, true, null, all);
    const sum: SnappedLayer[] = [{ kind: 'caluM', weights: [[2, 0]] }, { kind: 'caluA', weights: [[1]] }];
    // Y = a^2 for y = -a.
    expect(evaluateSnapped(square.own(sum, all)!, [[3, 1]])[0][0]).toBeCloseTo(-3, 14);
  });
});

import { describe, expect, it } from 'vitest';
import { readRoundOrRefit } from '../../src/train/snapshot.ts';
import { StageTarget } from '../../src/train/target.ts';
import { resolveTransform } from '../../src/train/transform.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';

const rng = new Random(10);
const x = Array.from({ length: 30 }, () => [rng.between(-2, 2), rng.between(-2, 2)]);
// Two targets: y0 = x1 x2, y1 = 3 x1^2.
const rows = { x, y: x.map(([a, b]) => [a * b, 3 * a * a]), precision: x.map(() => [0, 0]) };
const plain = resolveTransform({ kind: 'power', power: 1, byDominant: false }, null)!;
const targets = [0, 1].map((o) => new StageTarget(o, plain, false, null, rows));

describe('the round-or-refit reader', () => {
  it('keeps the snapped weights where they are exact, and refits the last layer where they are not', () => {
    const snapshot: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 1], [2, 0]] },
      { kind: 'caluA', weights: [[1, 0], [0, 2]] },
    ];
    const [y0, y1] = readRoundOrRefit(snapshot, { sample: rows, rows, targets });
    expect(y0).toEqual({ stage: [snapshot[0], { kind: 'caluA', weights: [[1, 0]] }], layers: [snapshot[0], { kind: 'caluA', weights: [[1, 0]] }], extractor: 'round' });
    expect(y1!.extractor).toBe('refit');
    expect(y1!.layers[1].weights[0][0]).toBe(0);
    expect(y1!.layers[1].weights[0][1]).toBeCloseTo(3, 12);
  });

  it('gives the network in the target own terms, and what the stage trained on apart', () => {
    const inverse = new StageTarget(1, resolveTransform({ kind: 'power', power: -1, byDominant: false }, null)!, false, null, rows);
    const sample = { x, y: inverse.values(rows).y.map((v) => [v]), precision: x.map(() => [0]) };
    const snapshot: SnappedLayer[] = [{ kind: 'caluM', weights: [[-2, 0]] }, { kind: 'caluA', weights: [[0.3]] }];
    const [read] = readRoundOrRefit(snapshot, { sample, rows, targets: [inverse] });
    expect(read!.stage![1].weights[0][0]).toBeCloseTo(1 / 3, 12);
    // y = (S)^-1, read back through the inverse of the transform.
    expect(read!.layers.slice(2)).toEqual([{ kind: 'caluM', weights: [[-1]] }, { kind: 'caluA', weights: [[1]] }]);
  });
});

import { describe, expect, it } from 'vitest';
import { TALK_TASKS, drawRows } from '../../src/bench/talkTasks.ts';
import { evaluateSnapped } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';
import { talkSolution } from '../../bench/talkSolutions.ts';
import { perturb, solutionThreshold } from '../../bench/threshold.ts';
import { NALM_RANGES, nalmThreshold, sampleRows } from '../../bench/nalmProtocol.ts';
import { wilson } from '../../bench/stats.ts';

describe('success thresholds', () => {
  for (const task of TALK_TASKS) {
    it(`the reference solution of ${task.name} reproduces the task, and its threshold grows as eps^2`, () => {
      const { x, y } = drawRows(task, 'test', 200, new Random(1));
      const got = evaluateSnapped(talkSolution(task), x);
      got.forEach((row, i) => row.forEach((v, o) => expect(Math.abs(v - y[i][o])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y[i][o])))));
      const t1 = solutionThreshold(talkSolution(task), x, 1e-5);
      const t2 = solutionThreshold(talkSolution(task), x, 2e-5);
      expect(t1).toBeGreaterThan(0);
      expect(t2 / t1).toBeCloseTo(4, 2);
    });
  }

  it('moves every nonzero weight eps toward 0 and every zero weight to eps', () => {
    const [m] = perturb([{ kind: 'caluM', weights: [[0, 1, -1, 3]] }], 0.25);
    expect(m.weights).toEqual([[0.25, 0.75, -0.75, 2.75]]);
  });

  it("follows Mistry et al.'s closed form: add on U[1,2] gives eps^2 E[(a+b)^2]", () => {
    const t = nalmThreshold('add', [1, 2], 1e-5, 200000, new Random(3));
    expect(t / (1e-10 * (14 / 3 + 4.5))).toBeCloseTo(1, 2);
  });

  it('samples the nine range pairs, mixed signs included', () => {
    expect(NALM_RANGES).toHaveLength(9);
    const mixed = sampleRows('mul', [[-6, -2], [2, 6]], 1000, new Random(2)).x.flat();
    expect(mixed.every((v) => Math.abs(v) >= 2 && Math.abs(v) <= 6)).toBe(true);
    expect(mixed.some((v) => v < 0) && mixed.some((v) => v > 0)).toBe(true);
  });

  it('gives the Wilson 95% interval', () => {
    const all = wilson(25, 25);
    expect(all.high).toBeCloseTo(1, 12);
    expect(all.low).toBeCloseTo(0.8668, 4);
    expect(wilson(0, 25).high).toBeCloseTo(0.1332, 4);
  });
});

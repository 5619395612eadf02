import { describe, expect, it } from 'vitest';
import { defaultStages, forTargets, planRound, STAGE_KINDS, stageApplies, stageKind, stageLabel, stepsForRound, type TargetState } from '../../src/train/recipe.ts';
import { describeStack } from '../../src/calu/stack.ts';
import { describeQ } from '../../src/calu/qset.ts';
import { transformName } from '../../src/train/transform.ts';

const x = [[1, 2], [2, 1], [3, 3]];
const open: TargetState = { solved: false, dominant: [1, 0], hasBase: true, y: [1, 2, 3], x };

describe('the search plan', () => {
  it('lists the default stages, simplest first, each with what it fits and how it is read', () => {
    const labels = defaultStages(2, 1, 500).map((s) => stageLabel(s, 2));
    expect(labels).toEqual([
      '2 4:m 1:a',
      '2 10:m 1:a',
      '2 4:m 1:a on what the best sum for y leaves',
      '2 3:a 4:m[pow3] 1:a',
      '2 4:m 1:a on (y/M0)',
      '2 4:m 1:a on what the best sum for (y/M0) leaves',
      '2 4:m 1:a on (y/M0)^-1',
      '2 8:m 2:a as N, D with y = N/D',
      '2 8:m 2:a as N, D with (y/M0) = N/D',
      '2 8:m 2:a as N, D with y^2 = N/D',
      '2 8:m 2:a as N, D with (y/M0)^2 = N/D',
      '2 8:m 1:a on y^-1',
      '2 4:m 1:a on (y/M0)^-2',
      '2 4:m 1:a on what the best sum for (y/M0)^-2 leaves',
      '2 4:m 1:a on (y/M0)^2',
      '2 8:m 1:a on y^2',
      '2 4:m 1:a on what the best sum for y^2 leaves',
      '2 8:m 1:a on y^-2',
      '2 4:m 1:a on (y/M0)^-0.5',
      '2 10:m[int3] 1:a',
      '2 4:m 1:a on what the best sum for y leaves',
      '2 8:m[half] 1:a',
      '2 1:l+ 4:m 1:a on log(y)',
      '2 1:m 1:e+ 8:m 1:a (cos, sin of one input per restart)',
      '2 1:m 1:e[0,1,-1,0.5,-0.5,2,-2,0.5/pi,-0.5/pi]+ 8:m 1:a (exp of a ranked monomial per restart) on y^-1',
      '2 1:m 1:e[0,1,-1,0.5,-0.5,2,-2,0.5/pi,-0.5/pi]+ 4:m 1:a (exp of a ranked monomial per restart)',
      '2 1:m 1:e[0,i,-i,0.5*i,-0.5*i,2*i,-2*i,2*pi*i,-2*pi*i,pi*i,-pi*i]+ 8:m 1:a (cos, sin of a ranked monomial per restart)',
      '2 1:l+ 6:m 1:a',
      '2 1:m 1:e+ 8:m 1:a (cos, sin of one input per restart) on y^-1',
      '2 1:m 1:e+ 4:m 1:a (cos, sin of one input per restart) on (y/M0)',
      '2 1:m 1:e+ 4:m 1:a (cos, sin of one input per restart) on sin(y)',
      '2 2:m 1:e+ 6:m 1:a',
      '2 1:m 1:e+ 8:m 2:a (cos, sin of one input per restart) as N, D with y = N/D',
      '2 1:m 1:e+ 8:m 2:a (cos, sin of one input per restart) as N, D with cos(y) = N/D',
      '2 2:m 1:e+ 6:m 1:a on y^-1',
      '2 1:m 1:e[0,1,-1,0.5,-0.5,2,-2,0.5/pi,-0.5/pi]+ 8:m 2:a (exp of a ranked monomial per restart) as N, D with y = N/D',
      '2 1:m 1:e[0,1,-1,0.5,-0.5,2,-2,0.5/pi,-0.5/pi]+ 8:m[int3] 1:a (exp of a ranked monomial per restart) on y^-1',
      '2 1:m 1:e+ 8:m 1:a (cos, sin of one input per restart) on y^2',
      '2 1:m 1:e+ 4:m 1:a (cos, sin of one input per restart) on (y/M0)^-2',
      '2 1:m 1:e+ 8:m 2:a (cos, sin of one input per restart) as N, D with y^2 = N/D',
      '2 1:m 1:e+ 8:m[half] 1:a (cos, sin of one input per restart)',
    ]);
    expect(new Set(defaultStages(2, 1, 500).map((s) => s.kind))).toEqual(new Set(Object.keys(STAGE_KINDS)));
  });

  it('doubles the steps each round, up to 8000', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(stepsForRound)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(planRound(2, 2, 1, {}).every((s) => s.steps === 2000)).toBe(true);
    expect(planRound(2, 2, 1, { steps: 300 }).every((s) => s.steps === 300)).toBe(true);
  });

  it('runs the user stack alone, on every target, with the Q given', () => {
    const [stage, ...rest] = planRound(0, 3, 2, { layers: '5:m 2:a', q: 'half', restarts: 7 });
    expect(rest).toEqual([]);
    expect(stage).toMatchObject({ kind: 'plain', restarts: 7, steps: 500, trainsAll: true });
    expect(describeQ(stage.q)).toBe(describeQ(planRound(0, 3, 2, { q: 'half' })[0].q));
    // Its last layer is the user's, however many targets are open.
    expect(forTargets(stage, 1)).toBe(stage);
  });

  it('trains the user stack for rounds of doubling length up to the longest, then plans nothing (the search ends)', () => {
    const rounds = [0, 1, 2, 3, 4, 5, 6].map((r) => planRound(r, 2, 1, { layers: '1:a' }));
    expect(rounds.map((stages) => stages.map((s) => s.steps))).toEqual([[500], [1000], [2000], [4000], [8000], [], []]);
    // With --steps, the schedule does not grow: one round.
    expect([0, 1].map((r) => planRound(r, 2, 1, { layers: '1:a', steps: 300 }).map((s) => s.steps))).toEqual([[300], []]);
    // The default plan has no last round: it runs until every target is exact or the time is up.
    expect(planRound(9, 2, 1, {}).length).toBeGreaterThan(0);
  });

  it('narrows a default stage to the open targets: one unit each, or N and D each', () => {
    const [plain, , , , , , , rational] = defaultStages(2, 3, 500);
    expect(forTargets(plain, 2).stack.layers.map((l) => l.units)).toEqual([5, 2]);
    expect(forTargets(rational, 2).stack.layers.map((l) => l.units)).toEqual([8, 4]);
  });
});

describe('whether a stage applies to a target', () => {
  const stages = defaultStages(2, 1, 500);
  const plain = stages[0];
  const residual = stages[2];
  const byDominant = stages[4];
  const square = stages[15];

  it('applies to an open target that has what the stage needs', () => {
    for (const s of [plain, residual, byDominant, square]) expect(stageApplies(s, open)).toBe(true);
  });

  it('not to a solved target', () => {
    expect(stageApplies(plain, { ...open, solved: true })).toBe(false);
  });

  it('not without a dominant monomial to divide by, or a base to build on', () => {
    expect(stageApplies(byDominant, { ...open, dominant: null })).toBe(false);
    expect(stageApplies(plain, { ...open, dominant: null })).toBe(true);
    expect(stageApplies(residual, { ...open, hasBase: false })).toBe(false);
  });

  it('not where its transform cannot be turned back: an even power of a target of both signs', () => {
    expect(stageApplies(square, { ...open, y: [1, -2, 3] })).toBe(false);
    expect(stageApplies(plain, { ...open, y: [1, -2, 3] })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { runRounds, type RoundsInput } from '../../src/train/rounds.ts';
import { userStage, type StageSpec } from '../../src/train/recipe.ts';
import type { StageEnd } from '../../src/train/stage.ts';

const a = userStage('4:m 1:a', undefined, 2, 100);
const b = { ...a, steps: 200 };

/** A fit of two stages per round whose stages end as `ends` says, on a clock that each stage moves by 10 ms. */
function search(over: Partial<RoundsInput> & { ends?: (stage: StageSpec, round: number) => StageEnd; solveAfter?: number }) {
  let clock = 0;
  let round = -1;
  const ran: string[] = [];
  const input: RoundsInput = {
    plan: (r) => {
      round = r;
      return [a, b];
    },
    open: () => [0],
    run: async (stage) => {
      ran.push(`${round}:${stage.steps}`);
      clock += 10;
      return over.ends?.(stage, round) ?? 'steps';
    },
    solved: () => over.solveAfter !== undefined && ran.length >= over.solveAfter,
    deadline: 1000,
    now: () => clock,
    ...over,
  };
  return { input, ran };
}

describe('the round loop', () => {
  it('runs the plan in order, round after round, until every target is solved', async () => {
    const { input, ran } = search({ solveAfter: 3 });
    expect(await runRounds(input)).toBe('solved');
    expect(ran).toEqual(['0:100', '0:200', '1:100']);
  });

  it('ends as noise once every target is exact or settled within noise, solved taking precedence', async () => {
    let stages = 0;
    const { input } = search({ run: async () => (stages++, 'noise'), settled: () => stages >= 3 });
    expect(await runRounds(input)).toBe('noise');
    expect(stages).toBe(3);
    expect(await runRounds(search({ solveAfter: 1, settled: () => true }).input)).toBe('solved');
  });

  it('skips a stage that applies to no open target', async () => {
    const { input, ran } = search({ solveAfter: 2, open: (stage) => (stage === a ? [] : [0]) });
    expect(await runRounds(input)).toBe('solved');
    expect(ran).toEqual(['0:200', '1:200']);
  });

  it('ends as the stage that met the time budget or the user ends', async () => {
    expect(await runRounds(search({ ends: (stage, round) => (round === 1 && stage === b ? 'time' : 'steps') }).input)).toBe('time');
    expect(await runRounds(search({ ends: () => 'stopped' }).input)).toBe('stopped');
  });

  it('ends at the deadline even when no stage looks at the clock', async () => {
    const { input, ran } = search({ deadline: 35 });
    expect(await runRounds(input)).toBe('time');
    // Stages at 0, 10, 20 and 30 ms start; at 40 ms the deadline has passed.
    expect(ran).toHaveLength(4);
  });

  it('ends as exhausted when no stage of a round applies to a target still open', async () => {
    const { input, ran } = search({ open: () => [], deadline: Infinity });
    expect(await runRounds(input)).toBe('exhausted');
  });
});

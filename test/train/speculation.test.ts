import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StageSpec } from '../../src/train/recipe.ts';
import { runRounds, type StopReason } from '../../src/train/rounds.ts';
import { runSpeculatively } from '../../src/train/speculation.ts';
import { Random } from '../../src/util/random.ts';

/**
 * The scheduler alone, on a made-up search: stages that apply to some
 * targets, each solving those its seed and targets say, after a random
 * delay. Whatever the workers and the delays, the committed stages and the
 * way the search ends must be those of the plain round loop.
 */
interface FakeStage {
  name: string;
  applies: number[];
}
const TARGETS = 4;

function plan(stages: FakeStage[][]) {
  return (round: number) => (stages[round] ?? []) as unknown as StageSpec[];
}

/** The targets a stage solves: a function of its seed and its targets only. */
function solves(seed: number, open: number[]): number[] {
  return open.filter((t) => ((seed >>> (t * 3)) & 7) === 0 || (seed + t) % 11 === 0);
}

async function sequential(stages: FakeStage[][], seed: number): Promise<{ log: string[]; end: StopReason }> {
  const solved = new Set<number>();
  const rng = new Random(seed);
  const log: string[] = [];
  const open = (s: StageSpec) => (s as unknown as FakeStage).applies.filter((t) => !solved.has(t));
  const end = await runRounds({
    plan: plan(stages),
    open,
    run: async (s, o) => {
      const stageSeed = rng.nextU32();
      log.push(`${log.length + 1} ${(s as unknown as FakeStage).name} [${o}]`);
      solves(stageSeed, o).forEach((t) => solved.add(t));
      return 'steps';
    },
    solved: () => solved.size === TARGETS,
    deadline: Infinity,
  });
  return { log, end };
}

async function speculative(stages: FakeStage[][], seed: number, workers: number, delays: number[]): Promise<{ log: string[]; end: StopReason; started: number }> {
  const solved = new Set<number>();
  const rng = new Random(seed);
  const seeds: number[] = [];
  const log: string[] = [];
  let started = 0;
  const open = (s: StageSpec) => (s as unknown as FakeStage).applies.filter((t) => !solved.has(t));
  const end = await runSpeculatively<{ name: string; open: number[]; index: number; seed: number }, { end: 'steps'; solves: number[] }>({
    plan: plan(stages),
    open,
    expected: (s) => open(s).length > 0,
    mayStartAhead: () => true,
    prepare: (s, o, index) => {
      while (seeds.length < index) seeds.push(rng.nextU32());
      const job = { name: (s as unknown as FakeStage).name, open: o, index, seed: seeds[index - 1] };
      return { job, key: `${index}|${job.seed}|${o}` };
    },
    start: (job) => {
      const delay = delays[started++ % delays.length];
      let timer: NodeJS.Timeout;
      const done = new Promise<{ end: 'steps'; solves: number[] }>((resolve) => (timer = setTimeout(() => resolve({ end: 'steps', solves: solves(job.seed, job.open) }), delay)));
      return { done, cancel: () => clearTimeout(timer) };
    },
    commit: (job, result) => {
      log.push(`${job.index} ${job.name} [${job.open}]`);
      result.solves.forEach((t) => solved.add(t));
      return true;
    },
    solved: () => solved.size === TARGETS,
    deadline: Infinity,
    workers,
    stopped: () => false,
  });
  return { log, end, started };
}

const stageArb = fc.record({ name: fc.string({ minLength: 1, maxLength: 3 }), applies: fc.subarray([0, 1, 2, 3], { minLength: 1 }) });

describe('speculative rounds', () => {
  it('commit the stages the plain round loop runs, in its order, whatever the workers and delays', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(stageArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }),
        async (stages, seed, workers, delays) => {
          const want = await sequential(stages, seed);
          const got = await speculative(stages, seed, workers, delays);
          expect({ log: got.log, end: got.end }).toEqual(want);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('runs stages ahead of the head when workers are free', async () => {
    const stages = [[0, 1, 2, 3].map((t) => ({ name: `s${t}`, applies: [t] }))];
    const got = await speculative(stages, 1, 4, [20]);
    // Four stages, one per target: all four start at once, none has to run again.
    expect(got.started).toBe(4);
    expect(got.log.map((l) => l.split(' ')[1])).toEqual(['s0', 's1', 's2', 's3']);
  });
});

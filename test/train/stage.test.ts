import { beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/backend.ts';
import { plainStageJob } from '../helpers/stageJob.ts';
import { runStage, type Found, type StageJob, type StageSink } from '../../src/train/stage.ts';
import type { FitEvent } from '../../src/train/events.ts';
import { epochNow } from '../../src/util/clock.ts';
import { Random } from '../../src/util/random.ts';

beforeAll(async () => {
  await backend();
});

const rng = new Random(12);
const x = Array.from({ length: 200 }, () => [rng.between(-2, 2), rng.between(-2, 2)]);
const all = { x, y: x.map(([a, b]) => [a * b]), precision: x.map(() => [0]) };

function job(over: Partial<StageJob> = {}): StageJob {
  return { ...plainStageJob(all, { index: 3 }), ...over };
}

/** A sink that counts a target solved once it was offered a screened network. */
function sink(stopAfter = Infinity) {
  const offers: Array<[number, Found]> = [];
  const events: FitEvent[] = [];
  const s: StageSink = {
    offer: (o, f) => offers.push([o, f]),
    solved: (o) => offers.some(([p, f]) => p === o && f.screened),
    emit: (e) => events.push(e),
    shouldStop: () => events.filter((e) => e.type === 'progress').length >= stopAfter,
  };
  return { s, offers, events };
}

describe('a stage', () => {
  it('trains its restarts, hands every network it reads to the sink, and stops once its targets are solved', async () => {
    const { s, offers, events } = sink();
    const outcome = await runStage(job(), s);
    expect(outcome.end).toBe('solved');
    expect(events[0]).toEqual({ type: 'stage', index: 3, stack: '2 4:m 1:a', q: '{-2, -1, 0, 1, 2}', restarts: 16, steps: 200, targets: ['y'] });
    expect(events.slice(1).every((e) => e.type === 'progress' && e.stage === 3)).toBe(true);
    const screened = offers.filter(([, f]) => f.screened);
    expect(screened.length).toBeGreaterThan(0);
    expect(screened[0][1].stage).toBe(3);
    expect(screened[0][1].error).toBeLessThan(1e-12);
    // An m -> a stage fitting y itself leaves a base for residual stages.
    expect(outcome.bases[0]!.error).toBeLessThan(1e-12);
  });

  it('gives the same candidates for the same seed', async () => {
    const a = sink();
    const b = sink();
    await runStage(job(), a.s);
    await runStage(job(), b.s);
    expect(b.offers).toEqual(a.offers);
  });

  it('ends at its deadline or when asked, before finding anything', async () => {
    const late = sink();
    expect((await runStage(job({ deadline: epochNow() - 1 }), late.s)).end).toBe('time');
    expect(late.offers).toEqual([]);
    const stopped = sink(2);
    expect((await runStage(job(), stopped.s)).end).toBe('stopped');
    expect(stopped.offers).toEqual([]);
  });
});

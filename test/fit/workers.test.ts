import { beforeAll, describe, expect, it } from 'vitest';
import { startPool } from '../../src/parallel/pool.ts';
import { initBackend } from '../../src/engine/backend.ts';
import { fit } from '../../src/fit.ts';
import type { FitResult } from '../../src/result.ts';
import { sample } from '../helpers/samples.ts';
import { fromArrays } from '../../src/data/fromArrays.ts';
import { Random } from '../../src/util/random.ts';
import type { StageEvent } from '../../src/train/events.ts';

/** What the seed must fix whatever the number of workers: the formulas, and the stages run for them. */
function outcome(r: FitResult) {
  return {
    stoppedBy: r.stoppedBy,
    formulas: r.outputs.map((o) => `${o.target} = ${o.formula} (${o.exact ? 'exact' : 'not exact'})`),
    stages: r.stages.map((s) => `${s.index} ${s.stack} for ${s.targets.join(',')}: ${s.end}`),
  };
}

describe('--workers', () => {
  beforeAll(async () => {
    // The pool a fit with 2 workers uses, started: until its thread has, stages train whole.
    await startPool(2, await initBackend());
  }, 60_000);

  for (const name of ['multinomial', 'lorentz']) {
    it(`gives the same formulas, candidates and stages with 1 and 2 workers (${name}, fixed seed)`, async () => {
      const { train, test } = sample(name);
      const one = await fit(train, { seed: 3, test, maxSeconds: 300, workers: 1 });
      const events: StageEvent[] = [];
      const two = await fit(train, { seed: 3, test, maxSeconds: 300, workers: 2, onEvent: (e) => e.type === 'stage' && events.push(e) });
      expect(outcome(two)).toEqual(outcome(one));
      expect(two.candidates).toEqual(one.candidates);
      expect(one.stoppedBy).toBe('solved');
      // Every stage's restarts were split across the two threads, and the view was told how.
      expect(events.map((e) => e.shares?.length)).toEqual(events.map(() => 2));
      expect(events.map((e) => e.shares!.reduce((a, b) => a + b))).toEqual(events.map((e) => e.restarts));
    }, 300_000);
  }

  it('gives the same formula and stages with 1 and 2 workers on noisy data, and both stop on the noise', async () => {
    // Whether a target is settled within noise depends on every candidate read and on the training steps seen:
    // a stage's copy of the book answers as the book would only when it got all of that (CandidateBook.standing).
    const rng = new Random(11);
    const x = Array.from({ length: 300 }, () => [rng.between(1, 3), rng.between(1, 3), rng.between(1, 3)]);
    const clean = x.map(([a, b, c]) => a * b - c);
    const rms = Math.sqrt(clean.reduce((s, v) => s + v * v, 0) / clean.length);
    const data = fromArrays({ x1: x.map((r) => r[0]), x2: x.map((r) => r[1]), x3: x.map((r) => r[2]), y: clean.map((v) => v + 0.01 * rms * rng.normal()) }, { targets: ['y'] });
    const one = await fit(data, { seed: 1, maxSeconds: 120, workers: 1 });
    const two = await fit(data, { seed: 1, maxSeconds: 120, workers: 2 });
    expect(one.stoppedBy).toBe('noise');
    expect(one.outputs[0]).toMatchObject({ formula: 'x1 * x2 - x3', fit: 'within-noise' });
    expect(outcome(two)).toEqual(outcome(one));
    expect(two.candidates.map((c) => c.formula)).toEqual(one.candidates.map((c) => c.formula));
  }, 300_000);

  it('stops every worker when the signal aborts, and returns the best so far', async () => {
    const { train } = sample('multinomial');
    const data = { ...train, targets: ['y3'], targetColumns: [train.targetColumns[3]], precisionColumns: [train.precisionColumns[3]] };
    const started = performance.now();
    const result = await fit(data, { seed: 1, layers: '3:m 1:a', maxSeconds: 120, workers: 2, signal: AbortSignal.timeout(4000) });
    expect(result.stoppedBy).toBe('stopped');
    expect((performance.now() - started) / 1000).toBeLessThan(60);
    expect(result.outputs[0].exact).toBe(false);
  }, 120_000);

  it('ends at the time budget with the best formula so far', async () => {
    const { train } = sample('multinomial');
    const data = { ...train, targets: ['y3'], targetColumns: [train.targetColumns[3]], precisionColumns: [train.precisionColumns[3]] };
    const started = performance.now();
    const result = await fit(data, { seed: 1, layers: '3:m 1:a', maxSeconds: 15, workers: 2 });
    expect(result.stoppedBy).toBe('time');
    expect((performance.now() - started) / 1000).toBeLessThan(60);
    expect(result.outputs[0].formula).not.toBe('');
  }, 120_000);

  it('rejects a number of workers that is not a whole number of at least 1', async () => {
    await expect(fit(sample('mul').train, { workers: 0 })).rejects.toThrow('workers: expected a whole number of at least 1, got 0');
  });
});

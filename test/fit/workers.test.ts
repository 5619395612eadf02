import { describe, expect, it } from 'vitest';
import { fit } from '../../src/fit.ts';
import type { FitResult } from '../../src/result.ts';
import { sample } from '../helpers/samples.ts';

/** What the seed must fix whatever the number of workers: the formulas, and the stages run for them. */
function outcome(r: FitResult) {
  return {
    stoppedBy: r.stoppedBy,
    formulas: r.outputs.map((o) => `${o.target} = ${o.formula} (${o.exact ? 'exact' : 'not exact'})`),
    stages: r.stages.map((s) => `${s.index} ${s.stack} for ${s.targets.join(',')}: ${s.end}`),
  };
}

describe('--workers', () => {
  // The multinomial: the first stage solves three targets, so stages started on the second worker meanwhile run again for the fourth.
  for (const name of ['multinomial', 'lorentz']) {
    it(`gives the same formulas and stages with 1 and 2 workers (${name}, fixed seed)`, async () => {
      const { train, test } = sample(name);
      const one = await fit(train, { seed: 3, test, maxSeconds: 300, workers: 1 });
      const events: Array<number | undefined> = [];
      const two = await fit(train, { seed: 3, test, maxSeconds: 300, workers: 2, onEvent: (e) => e.type === 'stage' && events.push(e.worker) });
      expect(outcome(two)).toEqual(outcome(one));
      expect(one.stoppedBy).toBe('solved');
      // The stages ran on workers 1 and 2, and the view was told which.
      expect(new Set(events)).toEqual(new Set([1, 2]));
    }, 300_000);
  }

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

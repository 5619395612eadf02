import { describe, expect, it } from 'vitest';
import { fit } from '../../src/fit.ts';
import { sample } from '../helpers/samples.ts';

describe('a fit given an AbortSignal', () => {
  it('stops when the signal aborts, within seconds, and returns the best formula so far', async () => {
    // A stack too small for the cube of a sum: without the signal it would train until the 120 s budget.
    const { train } = sample('multinomial');
    const data = { ...train, targets: ['y3'], targetColumns: [train.targetColumns[3]], precisionColumns: [train.precisionColumns[3]] };
    const started = performance.now();
    const result = await fit(data, { seed: 1, layers: '3:m 1:a', maxSeconds: 120, signal: AbortSignal.timeout(1500) });
    expect(result.stoppedBy).toBe('stopped');
    expect((performance.now() - started) / 1000).toBeLessThan(60);
    expect(result.outputs).toHaveLength(1);
    expect(result.outputs[0].exact).toBe(false);
  });

  it('stops at the first step when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const steps: number[] = [];
    const result = await fit(sample('lorentz').train, { seed: 1, signal: controller.signal, onEvent: (e) => e.type === 'progress' && steps.push(e.step) });
    expect(result.stoppedBy).toBe('stopped');
    expect(result.stages).toHaveLength(1);
    expect(Math.max(0, ...steps)).toBeLessThanOrEqual(50);
  });
});

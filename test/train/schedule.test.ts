import { describe, expect, it } from 'vitest';
import { contextAt, DEFAULT_SCHEDULE } from '../../src/train/schedule.ts';

describe('the training schedule', () => {
  it('keeps the potential off for the first half, then ramps it to its peak over the next 20%', () => {
    expect(contextAt(0, 1000, DEFAULT_SCHEDULE)).toMatchObject({ step: 0, totalSteps: 1000, lambda: 0, consistency: 0 });
    expect(contextAt(500, 1000, DEFAULT_SCHEDULE).lambda).toBe(0);
    expect(contextAt(600, 1000, DEFAULT_SCHEDULE).lambda).toBeCloseTo(5e-4, 15);
    expect(contextAt(600, 1000, DEFAULT_SCHEDULE).consistency).toBeCloseTo(5e-3, 15);
    expect(contextAt(700, 1000, DEFAULT_SCHEDULE).lambda).toBeCloseTo(1e-3, 15);
    expect(contextAt(2000, 1000, DEFAULT_SCHEDULE).lambda).toBe(1e-3);
  });

  it('learns the CALUm signs until 70% of the schedule, then uses the exact parity', () => {
    expect(contextAt(699, 1000, DEFAULT_SCHEDULE).parity).toBe('learned');
    expect(contextAt(700, 1000, DEFAULT_SCHEDULE).parity).toBe('exact');
  });
});

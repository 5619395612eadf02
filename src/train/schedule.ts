import type { StepContext } from '../engine/layer.ts';

/** The training schedule, in fractions of the nominal step count S. */
export interface Schedule {
  /** Peak weight of the regularization potential. */
  lambda: number;
  /** The potential is off until this fraction of S, then ramps in... */
  rampStart: number;
  /** ...over this fraction of S. */
  rampLength: number;
  /** Peak weight of the parity-consistency term (ramped like the potential). */
  consistency: number;
  /** From this fraction of S on, CALUm signs are the exact parity of the rounded exponents. */
  exactParityFrom: number;
}

export const DEFAULT_SCHEDULE: Schedule = {
  lambda: 1e-3,
  rampStart: 0.5,
  rampLength: 0.2,
  consistency: 0.01,
  exactParityFrom: 0.7,
};

export function contextAt(step: number, totalSteps: number, s: Schedule): StepContext {
  const frac = step / totalSteps;
  const ramp = Math.min(1, Math.max(0, (frac - s.rampStart) / s.rampLength));
  return {
    step,
    totalSteps,
    lambda: s.lambda * ramp,
    consistency: s.consistency * ramp,
    parity: frac < s.exactParityFrom ? 'learned' : 'exact',
  };
}

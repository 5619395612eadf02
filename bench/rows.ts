import { median } from './machine.ts';
import { medianWorstNaN, worst } from './stats.ts';

/** What every benchmark row reports about one model on one task, over its seeds. */
export interface Summary {
  seeds: number;
  /** Share of seeds that succeeded, 0..1. */
  success: number;
  interpMse: { median: number; max: number };
  extrapMse: { median: number; max: number };
  /** Median over the successful seeds of the step at which each was solved; null when none was. */
  solvedAtStep: number | null;
}

export interface Outcome {
  success: boolean;
  interpMse: number;
  extrapMse: number;
  solvedAtStep: number | null;
}

export function summarize(outcomes: Outcome[]): Summary {
  const solved = outcomes.filter((o) => o.success && o.solvedAtStep !== null).map((o) => o.solvedAtStep!);
  return {
    seeds: outcomes.length,
    success: outcomes.filter((o) => o.success).length / Math.max(1, outcomes.length),
    interpMse: { median: medianWorstNaN(outcomes.map((o) => o.interpMse)), max: worst(outcomes.map((o) => o.interpMse)) },
    extrapMse: { median: medianWorstNaN(outcomes.map((o) => o.extrapMse)), max: worst(outcomes.map((o) => o.extrapMse)) },
    solvedAtStep: solved.length ? median(solved) : null,
  };
}

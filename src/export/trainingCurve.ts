import type { FitEvent } from '../train/events.ts';

/** One point of the training curve: the loss of the best and the median restart at a step of a stage. */
export interface CurvePoint {
  stage: number;
  step: number;
  /** Seconds since the fit started. */
  seconds: number;
  best: number;
  median: number;
}

/** Where a stage began on the curve, and what it trained. */
export interface CurveStage {
  index: number;
  stack: string;
  seconds: number;
}

export interface TrainingCurve {
  points: CurvePoint[];
  stages: CurveStage[];
}

/**
 * Records the training curve from a fit's progress events, for the report:
 * `add` is an event sink to chain with the others. Times run on across
 * stages (a progress event's elapsed counts from its stage's start).
 */
export function curveRecorder(): { add: (e: FitEvent) => void; curve: TrainingCurve } {
  const curve: TrainingCurve = { points: [], stages: [] };
  let earlier = 0;
  let last = 0;
  return {
    curve,
    add(e) {
      if (e.type === 'stage') {
        earlier += last;
        last = 0;
        curve.stages.push({ index: e.index, stack: e.stack, seconds: earlier });
      } else if (e.type === 'progress') {
        last = e.elapsed;
        curve.points.push({ stage: e.stage, step: e.step, seconds: earlier + e.elapsed, best: e.bestLoss, median: e.medianLoss });
      }
    },
  };
}

import type { SnappedLayer } from '../formula/evaluate.ts';
import type { Extractor } from './screen.ts';
import type { Stage } from './stageSetup.ts';
import type { Found } from './stage.ts';

/** A network a stage hands its sink, with how it screened and where in the stage it was found (restart -1: pooled over restarts). */
export function found(stage: Stage, layers: SnappedLayer[], extractor: Extractor, s: { error: number; passed: boolean }, step: number, restart: number): Found {
  return { layers, extractor, screened: s.passed, error: s.error, stage: stage.job.description.index, step, restart };
}

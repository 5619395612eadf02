import type { SnappedLayer } from '../formula/evaluate.ts';
import { screen } from './screen.ts';
import type { Reading } from './snapshot.ts';
import type { Stage } from './stageSetup.ts';

/** One restart's snapshot read for one trained target, and how it screened. */
export interface ScreenedReading {
  read: Reading;
  screen: { passed: boolean; error: number };
}

/**
 * One restart's snapshot, read as one network per trained target (null
 * where it gives none) and each screened on the target's rows. It depends
 * on the snapshot alone, so the thread that trained the restart reads it
 * (shares.ts); what is offered to the candidate book, in what order, is
 * the stage's thread's.
 */
export function readRestart(stage: Stage, layers: SnappedLayer[]): Array<ScreenedReading | null> {
  return stage.kind.read(layers, stage.context).map((read, k) => (read ? { read, screen: screen(read.layers, stage.own[k].sample, stage.own[k].all) } : null));
}

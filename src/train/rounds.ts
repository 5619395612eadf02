import type { StageSpec } from './recipe.ts';
import type { StageEnd } from './stage.ts';
import { epochNow } from '../util/clock.ts';

/**
 * Why a search ended: every target exact; every target exact or fitted
 * within noise by a formula that further training stopped improving
 * ('noise', see CandidateBook.settled); no stage of the plan applies to a
 * target still open (a round that runs nothing would be the same next
 * round); the time budget ran out; or the user stopped it.
 */
export type StopReason = 'solved' | 'noise' | 'exhausted' | 'time' | 'stopped';

/** What the round loop needs of a fit. */
export interface RoundsInput {
  /** The stages of one round, in order. */
  plan(round: number): StageSpec[];
  /** The targets a stage would train now; none when it does not apply. */
  open(stage: StageSpec): number[];
  /** Trains one stage for those targets. */
  run(stage: StageSpec, open: number[]): Promise<StageEnd>;
  /** Every target has an exact formula. */
  solved(): boolean;
  /** Every target has an exact formula or one that fits within noise and stopped improving. */
  settled?(): boolean;
  /** Epoch milliseconds after which no stage starts. */
  deadline: number;
  /** The clock, in epoch milliseconds. */
  now?: () => number;
}

/**
 * Runs the plan round after round, each stage in the plan's order for the
 * targets it applies to, until every target is exact (or exact or settled
 * within noise), a stage ends by time
 * or by the user, the deadline passes, or a whole round finds nothing to run.
 */
export async function runRounds(input: RoundsInput): Promise<StopReason> {
  const now = input.now ?? epochNow;
  for (let round = 0; ; round++) {
    let ran = false;
    for (const stage of input.plan(round)) {
      const open = input.open(stage);
      if (open.length === 0) continue;
      if (now() > input.deadline) return 'time';
      ran = true;
      const end = await input.run(stage, open);
      if (input.solved()) return 'solved';
      if (input.settled?.()) return 'noise';
      if (end === 'time' || end === 'stopped') return end;
    }
    if (!ran) return 'exhausted';
  }
}

import type { StageSpec } from './recipe.ts';
import type { StageEnd } from './stage.ts';
import type { StopReason } from './rounds.ts';
import { epochNow } from '../util/clock.ts';

/**
 * The round loop of rounds.ts on several workers, with the same result.
 *
 * Stages are taken in plan order. The first stage not yet committed (the
 * head) runs as it would alone; while it runs, the free workers start the
 * stages after it on the state committed so far (speculation). Results
 * commit strictly in plan order. When a stage comes to the head, it is
 * prepared again on the committed state: if that job differs from the one
 * it ran (other targets, another seed or index, other bases), or the
 * committed book answers its offers otherwise than its own copy did, it
 * runs again; a stage no target is open for any more is dropped. So every
 * committed stage is the one a single worker would have run, and the seed
 * fixes the result whatever the number of workers.
 */

/** A stage as it would run on the committed state, and a key that says whether it still would. */
export interface Prepared<J> {
  job: J;
  /** Equal keys mean equal jobs: the same targets, index, seed and, for a stage that builds on bases, the same bases. */
  key: string;
}

/** A stage started on a worker. */
export interface Running<R> {
  done: Promise<R>;
  /** Asks the stage to stop at its next step (its result is then thrown away). */
  cancel(): void;
}

export interface SpeculationInput<J, R extends { end: StageEnd }> {
  /** The stages of one round, in order. */
  plan(round: number): StageSpec[];
  /** The targets a stage would train now (committed state); none when it does not apply. */
  open(stage: StageSpec): number[];
  /**
   * Whether the stage is expected to run once the stages ahead of it
   * (uncommitted, expected to run) have: a guess, used to give the stages
   * after it their index and seed. A wrong guess costs a rerun, never a
   * different result.
   */
  expected(stage: StageSpec, ahead: StageSpec[]): boolean;
  /** Whether the stage may start before those stages ahead commit (a residual stage waits for the stages that seed its bases). */
  mayStartAhead(stage: StageSpec, ahead: StageSpec[]): boolean;
  /** The stage's job for those targets as the index-th stage run (1-based). */
  prepare(stage: StageSpec, open: number[], index: number): Prepared<J>;
  /** Starts a stage, as the head (nothing before it left to commit) or ahead of it. */
  start(job: J): Running<R>;
  /** Commits a finished stage; false when the committed book answered its offers otherwise than its copy did (it must run again). */
  commit(job: J, result: R): boolean;
  /** Every target has an exact formula. */
  solved(): boolean;
  /** Every target has an exact formula or one that fits within noise and stopped improving. */
  settled?(): boolean;
  /** Epoch milliseconds after which no stage starts. */
  deadline: number;
  /** Workers: how many stages run at once. */
  workers: number;
  /** The user asked the fit to stop. */
  stopped(): boolean;
}

/** How far past the head the plan is looked at for a stage to start. */
const LOOKAHEAD = 48;

interface Slot<J, R> {
  round: number;
  spec: StageSpec;
  prepared?: Prepared<J>;
  running?: Running<R>;
  /** Set when its run ended: the result, or the error it threw. */
  outcome?: { result?: R; error?: unknown };
}

export async function runSpeculatively<J, R extends { end: StageEnd }>(input: SpeculationInput<J, R>): Promise<StopReason> {
  const slots: Array<Slot<J, R>> = [];
  let round = 0;
  let pos = 0;
  let planned = input.plan(0);
  /** Stages committed so far (the next one's index is this + 1). */
  let committed = 0;
  /** Whether the round of the head ran a stage. */
  let ranInRound = false;
  let headRound = 0;
  let wake: (() => void) | null = null;
  const woken = () => new Promise<void>((resolve) => (wake = resolve));
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  /** The next slot of the plan, or null when a round plans nothing (the search is then exhausted past it). */
  const extend = (): boolean => {
    while (pos >= planned.length) {
      if (planned.length === 0) return false;
      round++;
      pos = 0;
      planned = input.plan(round);
    }
    slots.push({ round, spec: planned[pos++] });
    return true;
  };

  const launch = (slot: Slot<J, R>, prepared: Prepared<J>) => {
    slot.prepared = prepared;
    slot.outcome = undefined;
    const running = input.start(prepared.job);
    slot.running = running;
    running.done.then(
      (result) => {
        if (slot.running === running) slot.outcome = { result };
        notify();
      },
      (error) => {
        if (slot.running === running) slot.outcome = { error };
        notify();
      },
    );
  };

  const cancel = (slot: Slot<J, R>) => {
    slot.running?.cancel();
    slot.running = undefined;
    slot.prepared = undefined;
    slot.outcome = undefined;
  };

  const busy = () => slots.filter((s) => s.running && !s.outcome).length;

  /** Starts stages after the head on the free workers, on the committed state. */
  const speculate = () => {
    if (input.stopped() || epochNow() > input.deadline) return;
    const ahead: StageSpec[] = [];
    let index = committed;
    for (let i = 0; i < LOOKAHEAD; i++) {
      // Past the stages started already, only while a worker is free.
      if (i >= slots.length && (busy() >= input.workers || !extend())) return;
      const slot = slots[i];
      if (i === 0) {
        // The head runs as prepared: what it finds as it goes is committed already.
        ahead.push(slot.spec);
        index++;
        continue;
      }
      const open = input.open(slot.spec);
      // What a started stage assumed has changed already (a target solved, an index or seed moved): start it again, or not at all.
      if (slot.prepared && (open.length === 0 || slot.prepared.key !== input.prepare(slot.spec, open, index + 1).key)) cancel(slot);
      if (open.length === 0 && !input.expected(slot.spec, ahead)) continue;
      index++;
      if (!slot.prepared && open.length > 0 && busy() < input.workers && input.mayStartAhead(slot.spec, ahead)) launch(slot, input.prepare(slot.spec, open, index));
      ahead.push(slot.spec);
    }
  };

  try {
    for (;;) {
      if (slots.length === 0 && !extend()) return 'exhausted';
      const head = slots[0];
      if (head.round !== headRound) {
        if (!ranInRound) return 'exhausted';
        headRound = head.round;
        ranInRound = false;
      }
      const open = input.open(head.spec);
      if (open.length === 0) {
        cancel(head);
        slots.shift();
        continue;
      }
      const prepared = input.prepare(head.spec, open, committed + 1);
      if (head.prepared?.key !== prepared.key) {
        if (epochNow() > input.deadline) return 'time';
        cancel(head);
        // The head never waits behind a stage that runs ahead of it: the one furthest ahead gives way.
        const ahead = slots.filter((s) => s !== head && s.running && !s.outcome);
        if (ahead.length >= input.workers) cancel(ahead[ahead.length - 1]);
        launch(head, prepared);
      }
      speculate();
      while (!head.outcome) {
        await woken();
        // Once the head is done it commits first: what it leaves may let a waiting stage start.
        if (!head.outcome) speculate();
      }
      if (head.outcome.error !== undefined) throw head.outcome.error;
      const result = head.outcome.result!;
      ranInRound = true;
      if (!input.commit(head.prepared!.job, result)) {
        // The committed book went another way than the stage's copy: run it again, now as the head.
        cancel(head);
        continue;
      }
      committed++;
      slots.shift();
      if (input.solved()) return 'solved';
      if (input.settled?.()) return 'noise';
      if (result.end === 'time' || result.end === 'stopped') return result.end;
    }
  } finally {
    for (const slot of slots) slot.running?.cancel();
  }
}

import * as tf from '@tensorflow/tfjs';
import { epochNow } from '../util/clock.ts';
import type { StepResult, TrainerState } from './trainer.ts';
import { buildStage, disposeStage, type Stage } from './stageSetup.ts';
import type { StageJob } from './stage.ts';
import { snapNetwork } from '../formula/snap.ts';
import { readRestart, type ScreenedReading } from './restartReading.ts';

/**
 * A stage's restarts split across threads. Restarts train independently
 * (one shared mini-batch, per-restart Adam and blow-up guard), so a share
 * of them trains elsewhere exactly as it would in the whole batch. Only
 * the reading needs them together: at every snap, the shares send their
 * weights, which go into the stage's network, and the snap is read as if
 * one thread had trained them all. The formula is therefore the same
 * whatever the number of threads.
 */

/** Restarts [lo, hi) of a stage. */
export interface Range {
  lo: number;
  hi: number;
}

/** A share's weights at a snap, in the order of the network's variables. */
export interface ShareSnapshot {
  step: number;
  mse: Float32Array;
  /** Restarts (stage-wide indices) drawn afresh at this step. */
  reinitialized: number[];
  /** Restarts drawn afresh so far. */
  blownUp: number;
  weights: Float32Array[];
  /** Each restart's reading, by stage-wide index (restarts that blew up have none). */
  reads: Array<[number, Array<ScreenedReading | null>]>;
}

/** A step's result over every restart, with the readings the other shares made of theirs at a snap. */
export interface SharedStep extends StepResult {
  reads: Map<number, Array<ScreenedReading | null>>;
}

/** A share trained elsewhere. */
export interface RemoteShare {
  /** Its snapshot at `step`, or null when it ended before (the deadline, or a stop). */
  at(step: number): Promise<ShareSnapshot | null>;
  stop(): void;
}

/** Threads that train shares of a stage: a pool (parallel/pool.ts). */
export interface ShareRunner {
  /** How many threads train a split stage's restarts. */
  readonly threads: number;
  /** Whether they can take shares now; a stage that starts before trains whole, in the stage's thread. */
  readonly ready: boolean;
  /** A share of a stage's restarts, from its start or from the state a thread that trained them so far left them in. */
  start(job: Omit<StageJob, 'rows'>, range: Range, from?: TrainerState): RemoteShare;
}

/** How a stage's restarts are split among threads: evenly, in order, empty shares left out. The split changes the speed only, never the formula. */
export function shareRanges(restarts: number, threads: number): Range[] {
  const cuts = Array.from({ length: threads + 1 }, (_, t) => Math.round((restarts * t) / threads));
  return cuts.slice(1).map((hi, t) => ({ lo: cuts[t], hi })).filter((r) => r.hi > r.lo);
}

/**
 * A stage's training: in the stage's own thread when it trains whole, or
 * in the runner's threads when it is split. A split stage's thread trains
 * nothing; it gathers the shares at every snap, offers what they read to
 * the book and pools their monomials. That work is serial and grows with
 * the number of targets, so the operating system, rather than a fixed
 * fraction of restarts, shares the cores between it and the training.
 */
export class SharedTraining {
  private remote: Array<Range & { share: RemoteShare; blownUp: number }> = [];
  private step = 0;

  /** A stage built to train none of its restarts (an empty range) goes to the runner's threads from the start. */
  constructor(
    readonly stage: Stage,
    runner?: ShareRunner,
  ) {
    if (!stage.share && runner) this.startShares(runner);
  }

  /** How many restarts each of the runner's threads trains (none: the stage trains here). */
  get shares(): number[] {
    return this.remote.map((r) => r.hi - r.lo);
  }

  /**
   * Hands a stage trained whole so far to the runner's threads (the pool
   * came ready while it trained): each share takes over its restarts'
   * weights, moments and place in the batch stream, and goes on as this
   * thread would have.
   */
  handOver(runner: ShareRunner): void {
    const own = this.stage.share!;
    this.startShares(runner, (r) => own.trainer.state(r.lo, r.hi));
    own.trainer.dispose();
    this.stage.share = null;
  }

  private startShares(runner: ShareRunner, state?: (r: Range) => TrainerState): void {
    const { rows: _rows, ...job } = this.stage.job;
    this.remote = shareRanges(job.spec.restarts, runner.threads).map((r) => ({ ...r, share: runner.start(job, r, state?.(r)), blownUp: 0 }));
  }

  /** One step of the stage's own training, or, for a split stage, up to the next snap. */
  run(): StepResult {
    const own = this.stage.share;
    if (own) {
      const res = own.trainer.run();
      this.step = res.step;
      return res;
    }
    const every = this.stage.job.spec.snapEvery;
    this.step = Math.min(this.stage.job.spec.steps, (Math.floor(this.step / every) + 1) * every);
    return { step: this.step, mse: new Float32Array(0), reinitialized: [] };
  }

  /** Restarts the other shares drew afresh so far, as of their last snapshot. */
  get remoteBlownUp(): number {
    return this.remote.reduce((a, r) => a + r.blownUp, 0);
  }

  /**
   * At a snap: every share's weights at this step, in the stage's network,
   * and the step's result over every restart; null when a share ended
   * before this step.
   */
  async gather(own: StepResult): Promise<SharedStep | null> {
    if (this.remote.length === 0) return { ...own, reads: new Map() };
    const snaps = await Promise.all(this.remote.map((r) => r.share.at(own.step)));
    if (snaps.some((s) => s === null)) return null;
    const { net } = this.stage;
    tf.tidy(() =>
      net.variables.forEach((v, i) => {
        const parts = snaps.map((s, k) => tf.tensor(s!.weights[i], [this.remote[k].hi - this.remote[k].lo, ...v.shape.slice(1)]));
        v.assign(parts.length === 1 ? parts[0] : tf.concat(parts, 0));
      }),
    );
    snaps.forEach((s, k) => (this.remote[k].blownUp = s!.blownUp));
    const mse = new Float32Array(net.restarts);
    snaps.forEach((s, k) => mse.set(s!.mse, this.remote[k].lo));
    return { step: own.step, mse, reinitialized: snaps.flatMap((s) => s!.reinitialized), reads: new Map(snaps.flatMap((s) => s!.reads)) };
  }

  stop(): void {
    for (const r of this.remote) r.share.stop();
  }
}

/** How many snaps a share may train ahead of the stage's thread: enough to keep it busy, few enough that a solved stage wastes little. */
export const LOOKAHEAD_SNAPS = 2;

/** What a share's thread is told by the stage's thread. */
export interface ShareControl {
  /** Whether the share is to stop now. */
  stopped(): boolean;
  /** Returns once the share may train this step (the stage's thread has gathered close enough to it), or it is stopped. */
  waitFor(step: number): void;
}

/**
 * A share of a stage, trained in a thread of its own: its snapshot at
 * every snap goes to `send`, until its steps are done, the deadline
 * passes or it is asked to stop.
 */
export function trainShare(job: StageJob, range: Range, send: (snapshot: ShareSnapshot) => void, control: ShareControl, from?: TrainerState): void {
  const stage = buildStage(job, range);
  const { trainer, net } = stage.share!;
  if (from) trainer.resume(from);
  let blownUp = 0;
  try {
    for (let s = trainer.step; s < job.spec.steps; s++) {
      control.waitFor(s + 1);
      if (epochNow() > job.deadline || control.stopped()) break;
      const res = trainer.run();
      blownUp += res.reinitialized.length;
      if (res.step % job.spec.snapEvery === 0 || res.step === job.spec.steps) {
        const weights = net.variables.map((v) => v.dataSync() as Float32Array);
        const reads = snapNetwork(net).snapped.flatMap((layers, r): ShareSnapshot['reads'] => (Number.isFinite(res.mse[r]) ? [[r + range.lo, readRestart(stage, layers)]] : []));
        send({ step: res.step, mse: res.mse, reinitialized: res.reinitialized.map((r) => r + range.lo), blownUp, weights, reads });
      }
    }
  } finally {
    disposeStage(stage);
  }
}

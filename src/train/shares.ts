import * as tf from '@tensorflow/tfjs';
import { epochNow } from '../util/clock.ts';
import type { StepResult } from './trainer.ts';
import type { Network } from '../engine/network.ts';
import { buildStage, disposeStage, type Stage } from './stageSetup.ts';
import type { StageJob } from './stage.ts';
import { snapNetwork } from '../formula/snap.ts';
import { readRestart, type ScreenedReading } from './restartReading.ts';

/**
 * A stage's restarts split across threads. Restarts train independently
 * (one shared mini-batch, per-restart Adam and blow-up guard), so a share
 * of them trains elsewhere exactly as it would in the whole batch. Only
 * the reading needs them together: at every snap, the other shares send
 * their weights, which go into the stage's network beside this thread's
 * own, and the snap is read as if one thread had trained them all. The
 * formula is therefore the same whatever the number of threads.
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
  /** Threads besides the stage's own. */
  readonly threads: number;
  /** Whether they can take shares now; a stage that starts before trains whole. */
  readonly ready: boolean;
  start(job: Omit<StageJob, 'rows'>, range: Range): RemoteShare;
}

/**
 * How a stage's restarts are split: evenly, in order, the stage's own
 * thread first; empty shares are left out. The split changes the speed
 * only, never the formula. The stage's thread also offers every reading
 * to the book and pools, yet a smaller share for it measured no faster
 * on the multinomial (docs/BENCHMARKS.md): each thread pays a fixed cost
 * per step whatever its share, so a small share saves little.
 */
export function shareRanges(restarts: number, threads: number): Range[] {
  const cuts = Array.from({ length: threads + 1 }, (_, t) => Math.round((restarts * t) / threads));
  return cuts.slice(1).map((hi, t) => ({ lo: cuts[t], hi })).filter((r) => r.hi > r.lo);
}

/**
 * Whether a stage is split across the runner's threads: always once they
 * have started; before (a thread takes about half a second to load
 * TensorFlow.js), only a stage large enough to be worth waiting for. The
 * default first stage on two inputs holds 4,352 weights over its restarts
 * and solves y = x1 * x2 in well under a second; on three inputs it holds
 * 10,944 and trains for seconds. Splitting or not changes the speed only.
 */
export function splits(runner: ShareRunner, net: Network): boolean {
  return runner.ready || net.variables.reduce((n, v) => n + v.size, 0) >= WAIT_WEIGHTS;
}

const WAIT_WEIGHTS = 8192;

/** The stage's own share and the remote ones, started. */
export class SharedTraining {
  private readonly remote: Array<Range & { share: RemoteShare; blownUp: number }>;

  constructor(
    readonly stage: Stage,
    ranges: Range[],
    runner: ShareRunner | undefined,
  ) {
    const { rows: _rows, ...job } = stage.job;
    this.remote = runner ? ranges.slice(1).map((r) => ({ ...r, share: runner.start(job, r), blownUp: 0 })) : [];
  }

  /** One step of this thread's share. */
  run(): StepResult {
    return this.stage.share.trainer.run();
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
    const { net, share } = this.stage;
    tf.tidy(() =>
      net.variables.forEach((v, i) => {
        const parts = [share.net.variables[i], ...snaps.map((s, k) => tf.tensor(s!.weights[i], [this.remote[k].hi - this.remote[k].lo, ...v.shape.slice(1)]))];
        v.assign(tf.concat(parts, 0));
      }),
    );
    snaps.forEach((s, k) => (this.remote[k].blownUp = s!.blownUp));
    const mse = new Float32Array(net.restarts);
    mse.set(own.mse, 0);
    snaps.forEach((s, k) => mse.set(s!.mse, this.remote[k].lo));
    return { step: own.step, mse, reinitialized: [...own.reinitialized, ...snaps.flatMap((s) => s!.reinitialized)], reads: new Map(snaps.flatMap((s) => s!.reads)) };
  }

  stop(): void {
    for (const r of this.remote) r.share.stop();
  }
}

/**
 * A share of a stage, trained in a thread of its own: its snapshot at
 * every snap goes to `send`, until its steps are done, the deadline
 * passes or it is asked to stop.
 */
export function trainShare(job: StageJob, range: Range, send: (snapshot: ShareSnapshot) => void, shouldStop: () => boolean): void {
  const stage = buildStage(job, range);
  const { trainer, net } = stage.share;
  let blownUp = 0;
  try {
    for (let s = 0; s < job.spec.steps; s++) {
      if (epochNow() > job.deadline || shouldStop()) break;
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

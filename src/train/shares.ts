import * as tf from '@tensorflow/tfjs';
import { epochNow } from '../util/clock.ts';
import type { StepResult } from './trainer.ts';
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
  /** When the share sent it: epoch milliseconds. */
  sentAt: number;
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
  /** What fraction of a stage's restarts the stage's own thread trains. */
  readonly balance: Balance;
  start(job: Omit<StageJob, 'rows'>, range: Range): RemoteShare;
}

/**
 * How a stage's restarts are split, in order: the stage's own thread
 * first, with the fraction `own` of them, the other threads evenly;
 * empty shares are left out. The split changes the speed only, never the
 * formula.
 */
export function shareRanges(restarts: number, threads: number, own = 1 / threads): Range[] {
  if (threads <= 1) return [{ lo: 0, hi: restarts }];
  const first = Math.min(restarts, Math.max(1, Math.round(restarts * own)));
  const cuts = [0, ...Array.from({ length: threads }, (_, t) => first + Math.round(((restarts - first) * t) / (threads - 1)))];
  return cuts.slice(1).map((hi, t) => ({ lo: cuts[t], hi })).filter((r) => r.hi > r.lo);
}

/**
 * The fraction of a stage's restarts its own thread trains. That thread
 * also offers every reading to the book and pools the restarts'
 * monomials, which costs from a little (a wide sum for one target) to
 * most of a snap (three targets read at once), so the fraction is
 * learnt: after each split stage it moves to even out the threads'
 * pace, measured as how far the others ran ahead of the stage's thread
 * from one snap to the next. A fraction is learnt per number of targets
 * trained, and kept for the process.
 */
export class Balance {
  /** By the number of targets a stage trains: what the stage's thread has to offer and pool grows with it. */
  private readonly fractions = new Map<number, number>();

  constructor(readonly threads: number) {}

  own(targets: number): number {
    return this.fractions.get(targets) ?? 1 / this.threads;
  }

  /**
   * After a split stage of that many targets. drift: how much further
   * ahead the other threads got per snap, in ms (negative: the stage's
   * thread waited for them); ownTrain: the stage's thread's training per
   * snap, in ms, for its fraction of the restarts.
   */
  update(targets: number, drift: number, ownTrain: number): void {
    if (!Number.isFinite(drift) || !(ownTrain > 0)) return;
    const own = this.own(targets);
    // Moving a fraction x of the restarts moves the pace of both sides by about x times the training of all of them.
    const all = ownTrain / own;
    const step = (-DAMPING * drift * (this.threads - 1)) / (this.threads * all);
    this.fractions.set(targets, Math.min(1.5 / this.threads, Math.max(MIN_OWN, own + step)));
  }
}

const DAMPING = 0.7;
const MIN_OWN = 0.05;

/** The stage's own share and the remote ones, started. */
export class SharedTraining {
  private readonly remote: Array<Range & { share: RemoteShare; blownUp: number }>;
  /** At each snap, how far the slowest other share was ahead of this thread (ms; negative: this thread waited). */
  private readonly leads: number[] = [];
  private ownTrain = 0;

  constructor(
    readonly stage: Stage,
    ranges: Range[],
    private readonly runner: ShareRunner | undefined,
  ) {
    const { rows: _rows, ...job } = stage.job;
    this.remote = runner ? ranges.slice(1).map((r) => ({ ...r, share: runner.start(job, r), blownUp: 0 })) : [];
  }

  /** One step of this thread's share. */
  run(): StepResult {
    const t0 = performance.now();
    const res = this.stage.share.trainer.run();
    this.ownTrain += performance.now() - t0;
    return res;
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
    const asked = epochNow();
    const snaps = await Promise.all(this.remote.map((r) => r.share.at(own.step)));
    if (snaps.some((s) => s === null)) return null;
    this.leads.push(Math.min(...snaps.map((s) => asked - s!.sentAt)));
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

  /** Stops the other shares, and tells the balance how the threads kept pace. */
  stop(): void {
    for (const r of this.remote) r.share.stop();
    if (!this.runner || this.remote.length === 0 || this.leads.length < 3) return;
    // From the third snap on, against the one before: the first holds the start-up of the other threads.
    const drifts = this.leads.slice(2).map((lead, k) => lead - Math.max(this.leads[k + 1], 0));
    this.runner.balance.update(this.stage.job.outputs.length, middle(drifts), this.ownTrain / this.leads.length);
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
        send({ step: res.step, mse: res.mse, reinitialized: res.reinitialized.map((r) => r + range.lo), blownUp, sentAt: epochNow(), weights, reads });
      }
    }
  } finally {
    disposeStage(stage);
  }
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

import { snapNetwork, type SnapReading } from '../formula/snap.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import { targetRows, type Rows } from '../data/rows.ts';
import { epochNow } from '../util/clock.ts';
import type { StepResult } from './trainer.ts';
import { screen, type Extractor } from './screen.ts';
import type { TargetTransform } from './transform.ts';
import { poolNetworks, poolsMonomials } from './pooling.ts';
import { refineScale } from '../formula/refine.ts';
import { poolLogs } from './logReading.ts';
import { readTurnSums } from './sumReading.ts';
import type { StageSpec } from './recipe.ts';
import { buildStage, disposeStage, type Stage } from './stageSetup.ts';
import { SharedTraining, type SharedStep, type ShareRunner } from './shares.ts';
import { readRestart } from './restartReading.ts';
import { outputOnly } from './snapshot.ts';
import { found } from './found.ts';
import type { ProgressEvent, StageDescription, StageEvent } from './events.ts';

/**
 * One stage: R restarts of one stack trained as a batch, each restart's
 * snapshot read and screened every snapEvery steps, the monomials of all
 * restarts pooled every POOL_EVERY steps, every network found handed to
 * the sink. The stage ends as soon as every target it trains is exact.
 *
 * Its input is plain data (a job) and all it finds goes through one sink,
 * so a stage could run in a worker thread or on another machine.
 */

/** Everything a stage needs, as plain data. */
export interface StageJob {
  /** How the UI names the stage; its index is the `stage` of every candidate it finds. */
  description: StageDescription;
  spec: StageSpec;
  /** The seed of the stage's own random stream. */
  seed: number;
  /** The dataset targets it trains, in the order of the network's outputs. */
  outputs: number[];
  /** The transform of each trained target (see transform.ts). */
  transforms: TargetTransform[];
  /** The best m -> a network so far for the stage's transform, per trained target: a residual stage's bases. */
  bases: Array<Base | null>;
  rows: {
    /** The rows the search trains on (inputs and all targets): every training row, or a subsample of a large file (fit.ts). */
    all: Rows;
    /** The rows each snapshot is screened and refitted on. */
    sample: Rows;
    /** A larger sample for pooling monomials across restarts. */
    pool: Rows;
  };
  /** Epoch milliseconds (util/clock.ts) at which the stage stops. */
  deadline: number;
}

/** The one place a stage hands its candidates to (the fit's candidate book). */
export interface CandidateSink {
  /** A network for dataset target `output`; the sink decides whether it improves on the best. */
  offer(output: number, found: Found): void;
  /** Whether dataset target `output` has an exact formula already. */
  solved(output: number): boolean;
  /** Whether it has, with no exact formula, one that fits within noise and stopped improving (the stage may end). */
  settled?(output: number): boolean;
}

/** A stage's sink: its candidates, its events for the UI, and whether to stop early. */
export interface StageSink extends CandidateSink {
  emit(event: StageEvent | ProgressEvent): void;
  shouldStop(): boolean;
}

/** A network found for one target (in the target's own terms), with where it was found. */
export interface Found {
  layers: SnappedLayer[];
  extractor: Extractor;
  /**
   * Passed the screen: exact as a network on the screening sample, then on
   * every training row. A fast filter only: the candidate book's check of
   * the printed formula is the verdict.
   */
  screened: boolean;
  /** Relative RMS error on the screening sample. */
  error: number;
  stage: number;
  step: number;
  restart: number;
}

/** An m -> a network fitted to a transformed target, and its error: what residual stages build on. */
export interface Base {
  layers: SnappedLayer[];
  error: number;
}

/** solved: every target exact; noise: every target exact or settled within noise (see CandidateSink.settled). */
export type StageEnd = 'solved' | 'noise' | 'steps' | 'time' | 'stopped';

export interface StageOutcome {
  end: StageEnd;
  /** The job's bases, with any better ones this stage found. */
  bases: Array<Base | null>;
}

/** Longest stretch of training without giving the event loop a turn. */
const YIELD_MS = 100;

/** A stage trained here goes to the pool's threads once they are ready if it has at least this many steps left. */
const HAND_OVER_STEPS = 100;

/** The stages whose blocks are frozen: their features are read in log space once (see poolLogs). */
const FROZEN = new Set(['turns', 'exponentials', 'phases']);

/** Steps between two poolings of every restart's monomials. */
const POOL_EVERY = 100;

/** Runs one stage to its end: solved, its steps done, its deadline, or the sink asking it to stop. */
export async function runStage(job: StageJob, sink: StageSink, runner?: ShareRunner): Promise<StageOutcome> {
  // Until the pool's threads have started, a stage trains here, and is handed over to them at the first snap after they have.
  const stage = buildStage(job, runner?.ready ? { lo: 0, hi: 0 } : undefined);
  const training = new SharedTraining(stage, runner);
  const shares = training.shares;
  sink.emit({ type: 'stage', ...job.description, ...(shares.length > 1 ? { shares } : {}) });
  const tally: Tally = { started: performance.now(), exact: 0, settled: 0, blownUp: 0 };
  let ownBlownUp = 0;
  const bases = [...job.bases];
  let end: StageEnd = 'steps';
  let yielded = performance.now();
  try {
    for (let step = 0; step < job.spec.steps; ) {
      if (performance.now() - yielded > YIELD_MS) {
        // Let the event loop run now and then, so a Ctrl-C handler or a screen redraw is not held off.
        await new Promise((resolve) => setImmediate(resolve));
        yielded = performance.now();
      }
      if (epochNow() > job.deadline) {
        end = 'time';
        break;
      }
      if (sink.shouldStop()) {
        end = 'stopped';
        break;
      }
      const own = training.run();
      step = own.step;
      ownBlownUp += own.reinitialized.length;
      const atSnap = own.step % job.spec.snapEvery === 0 || own.step === job.spec.steps;
      const snap = atSnap ? await training.gather(own) : null;
      if (atSnap && !snap) {
        // Another share ended first: the deadline passed, or the fit was stopped.
        end = sink.shouldStop() ? 'stopped' : 'time';
        break;
      }
      const res = snap ?? own;
      tally.blownUp = ownBlownUp + training.remoteBlownUp;
      if (snap) {
        const reading = snapNetwork(stage.net);
        tally.settled = reading.settled.reduce((a, b) => a + b, 0) / reading.settled.length;
        tally.exact = readRestarts(stage, reading, snap, sink, bases);
        if (res.step === job.spec.snapEvery && FROZEN.has(job.spec.hypotheses ?? '')) poolLogs(stage, reading, res.step, sink);
        if (res.step === job.spec.snapEvery && job.spec.readsSums) readTurnSums(stage, res.step, sink);
        if (res.step % POOL_EVERY === 0 && poolsMonomials(stage.net) && job.outputs.some((o) => !sink.solved(o))) poolRestarts(stage, reading, res.step, sink, res.mse);
      }
      if (atSnap || res.step % 10 === 0) sink.emit(progress(job, res, tally));
      if (atSnap && job.outputs.every((o) => sink.solved(o))) {
        end = 'solved';
        break;
      }
      if (atSnap && job.outputs.every((o) => sink.solved(o) || sink.settled?.(o))) {
        end = 'noise';
        break;
      }
      if (atSnap && runner?.ready && training.shares.length === 0 && job.spec.steps - step >= HAND_OVER_STEPS) training.handOver(runner);
    }
  } finally {
    training.stop();
    disposeStage(stage);
  }
  return { end, bases };
}

/**
 * Reads each restart's snapshot, one network per target, screens each and
 * hands it to the sink; a stage that seeds bases keeps the best of its
 * transform in `bases`. Returns how many restarts passed the screen for
 * every target. An output keeps its first screened snapshot (see the
 * candidate book), since restarts that train on can drift away from it.
 */
function readRestarts(stage: Stage, reading: SnapReading, res: SharedStep, sink: CandidateSink, bases: Array<Base | null>): number {
  let exactRestarts = 0;
  reading.snapped.forEach((layers, r) => {
    if (!Number.isFinite(res.mse[r])) return;
    let allPassed = true;
    (res.reads.get(r) ?? readRestart(stage, layers)).forEach((screened, k) => {
      if (!screened) {
        allPassed = false;
        return;
      }
      const { read, screen: s } = screened;
      if (!s.passed) allPassed = false;
      if (stage.seedsBases && read.stage && (!bases[k] || s.error < bases[k]!.error)) bases[k] = { layers: read.stage, error: s.error };
      sink.offer(stage.job.outputs[k], found(stage, read.layers, read.extractor, s, res.step, r));
    });
    if (allPassed) exactRestarts++;
  });
  if (stage.job.spec.hypotheses === 'arguments' && stage.job.spec.kind === 'plain') refineBest(stage, reading, res, sink);
  return exactRestarts;
}

/** How many of a feature stage's best restarts have their feature's scale refined at each snap (see refine.ts). */
const REFINED = 2;

/**
 * A feature stage's restarts whose features may carry a constant no value
 * of Q gives (1/(2 pi) in exp(h omega/(2 pi kb T))): the few with the
 * smallest error, if they are not exact already, are refined from their
 * trained weights and handed to the sink when that makes them exact.
 */
function refineBest(stage: Stage, reading: SnapReading, res: StepResult, sink: CandidateSink): void {
  stage.job.outputs.forEach((o, k) => {
    if (sink.solved(o)) return;
    const errors = reading.snapped.map((layers, r) => (Number.isFinite(res.mse[r]) ? res.mse[r] : Infinity));
    const order = errors.map((_, r) => r).sort((a, b) => errors[a] - errors[b] || a - b);
    for (const r of order.slice(0, REFINED)) {
      const snapped = outputOnly(reading.snapped[r], k);
      const refined = refineScale(snapped, outputOnly(reading.trained[r], k), targetRows(stage.context.sample, k));
      if (!refined) continue;
      const own = stage.targets[k].own(refined, stage.job.rows.sample);
      if (!own) continue;
      sink.offer(o, found(stage, own, 'refit', screen(own, stage.own[k].sample, stage.own[k].all), res.step, r));
    }
  });
}


/** The monomials of every restart, pooled: the sparse exact sum for each target still open, screened and handed to the sink. */
function poolRestarts(stage: Stage, reading: SnapReading, step: number, sink: CandidateSink, loss: ArrayLike<number>): void {
  poolNetworks(stage.net, reading.snapped, stage.pool, stage.poolTolerance, loss, (k) => !sink.solved(stage.job.outputs[k])).forEach((layers, k) => {
    const o = stage.job.outputs[k];
    if (!layers || sink.solved(o)) return;
    const own = stage.targets[k].own(layers, stage.job.rows.pool);
    if (!own) return;
    sink.offer(o, found(stage, own, 'pool', screen(own, stage.own[k].sample, stage.own[k].all), step, -1));
  });
}


/** What the progress events count, over the stage so far. */
interface Tally {
  started: number;
  /** Restarts that passed the screen for every target at the last snap. */
  exact: number;
  settled: number;
  blownUp: number;
}

function progress(job: StageJob, res: StepResult, tally: Tally): ProgressEvent {
  const sorted = [...res.mse].filter(Number.isFinite).sort((a, b) => a - b);
  return {
    type: 'progress',
    stage: job.description.index,
    step: res.step,
    steps: job.spec.steps,
    elapsed: (performance.now() - tally.started) / 1000,
    bestLoss: sorted[0] ?? NaN,
    medianLoss: sorted[sorted.length >> 1] ?? NaN,
    restarts: job.spec.restarts,
    converged: sorted.filter((v) => v < 1e-6).length,
    exact: tally.exact,
    settled: tally.settled,
    blownUp: tally.blownUp,
  };
}

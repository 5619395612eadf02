import * as tf from '@tensorflow/tfjs';
import type { Network } from '../engine/network.ts';
import { BatchedAdam, type AdamState } from '../engine/adam.ts';
import { restartRows } from '../engine/contract.ts';
import { Random } from '../util/random.ts';
import type { StepContext } from '../engine/layer.ts';
import { contextAt, DEFAULT_SCHEDULE, type Schedule } from './schedule.ts';
import { inverseMeanSquare, normalizedMse, ratioLoss } from './loss.ts';
import { scaledForTraining } from './float32.ts';

export interface TrainerOptions {
  /** Nominal length S of the schedule. */
  steps: number;
  batchSize: number;
  lr: number;
  schedule?: Schedule;
  rng: Random;
  /** 'ratio' trains a rational stage (N, D per target; see ratioLoss); the default is the normalized MSE. */
  loss?: 'mse' | 'ratio';
  /**
   * A restart that blows up is drawn afresh from its own stream, seeded by
   * this, its index in the whole stage and the step, so that it gets the
   * same weights whichever share of the stage's restarts this trainer
   * trains (see shard.ts). Without it, from `rng`.
   */
  reinit?: { seed: number; offset: number };
}

/** Restarts of a trainer at a step, as plain data: what another trainer of them needs to go on exactly as this one would. */
export interface TrainerState {
  step: number;
  /** Each variable's values for the restarts, in the order of the network's variables. */
  weights: Float32Array[];
  adam: AdamState;
}

/** Training data by column: x[input][row], y[output][row]. */
export interface ColumnData {
  x: number[][];
  y: number[][];
}

export interface StepResult {
  step: number;
  /** Normalized MSE per restart (NaN for a restart that blew up this step). */
  mse: Float32Array;
  /** Restarts that blew up and were drawn afresh. */
  reinitialized: number[];
}

/**
 * Trains R restarts of one network as a single batched program: one
 * mini-batch shared by all restarts, per-restart Adam, and a per-restart
 * NaN/Inf guard that re-initialises only the restart that blew up.
 */
export class Trainer {
  private readonly adam: BatchedAdam;
  private readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor2D;
  private readonly invScale: tf.Tensor2D;
  private readonly rows: number;
  /** No input below 0 anywhere in the data, so CALUm signs need no work. */
  private readonly nonNegative: boolean;
  private readonly schedule: Schedule;
  step = 0;

  constructor(
    readonly net: Network,
    data: ColumnData,
    readonly opts: TrainerOptions,
  ) {
    this.schedule = opts.schedule ?? DEFAULT_SCHEDULE;
    this.rows = data.x[0]?.length ?? data.y[0].length;
    // Columns far from 1 train rescaled by a power of two (see float32.ts); readings refit on the data as it is.
    const x = scaledForTraining(data.x);
    const y = scaledForTraining(data.y);
    this.x = tf.tensor2d(x, [x.length, this.rows], 'float32');
    this.nonNegative = data.x.every((col) => col.every((v) => v >= 0));
    this.y = tf.tensor2d(y, [y.length, this.rows], 'float32');
    this.invScale = tf.tensor2d(inverseMeanSquare(y), [y.length, 1]);
    this.adam = new BatchedAdam(net.variables, net.restarts, { lr: opts.lr });
  }

  private batch(): { xb: tf.Tensor; yb: tf.Tensor } {
    if (this.rows <= this.opts.batchSize) return { xb: this.x, yb: this.y };
    const idx = new Int32Array(this.opts.batchSize);
    for (let i = 0; i < idx.length; i++) idx[i] = this.opts.rng.int(this.rows);
    const it = tf.tensor1d(idx, 'int32');
    return { xb: tf.gather(this.x, it, 1), yb: tf.gather(this.y, it, 1) };
  }

  run(): StepResult {
    const ctx = contextAt(this.step, this.opts.steps, this.schedule);
    const R = this.net.restarts;
    const out = tf.tidy(() => {
      const { xb, yb } = this.batch();
      const { loss, penalty, grads } = this.net.manualGradients ? this.manualGrads(xb, yb, ctx) : this.autodiffGrads(xb, yb, ctx);
      // A restart is healthy when its loss and every gradient are finite.
      const flat = this.adam.flatten(grads);
      const health = tf.add(penalty ? tf.add(loss, penalty) : loss, tf.sum(flat, 1));
      const ok = tf.isFinite(health);
      // A restart that is not healthy gets this update too (masking it costs a broadcast, the dearest kernel of a step on wasm), but it is drawn afresh below and its moments forgotten: nothing of it survives.
      this.adam.apply(flat);
      if (!this.net.manualGradients) projectLayers(this.net);
      return tf.concat([loss, tf.cast(ok, 'float32')]);
    });
    const both = out.dataSync() as Float32Array;
    out.dispose();
    const mse = both.slice(0, R);
    const reinitialized: number[] = [];
    for (let r = 0; r < R; r++) {
      if (both[R + r] === 0) {
        mse[r] = NaN;
        reinitialized.push(r);
        this.net.reinit(r, this.reinitStream(r));
        this.adam.reset(r);
      }
    }
    this.step++;
    return { step: this.step, mse, reinitialized };
  }

  /** Restarts [lo, hi) as they stand. */
  state(lo: number, hi: number): TrainerState {
    return { step: this.step, weights: this.net.variables.map((v) => restartRows(v, lo, hi)), adam: this.adam.slice(lo, hi) };
  }

  /**
   * Goes on from another trainer's state of this trainer's restarts, built
   * from the same job: the weights and moments are taken over, and the
   * batch stream is advanced past the batches drawn so far, so every later
   * step is the one the other trainer would have taken.
   */
  resume(state: TrainerState): void {
    tf.tidy(() => this.net.variables.forEach((v, i) => v.assign(tf.tensor(state.weights[i], v.shape, 'float32'))));
    this.adam.load(state.adam);
    if (this.rows > this.opts.batchSize) for (let i = 0; i < state.step * this.opts.batchSize; i++) this.opts.rng.int(this.rows);
    this.step = state.step;
  }

  private reinitStream(r: number): Random {
    const re = this.opts.reinit;
    if (!re) return this.opts.rng;
    return new Random((re.seed ^ Math.imul(re.offset + r + 1, 0x9e3779b1) ^ Math.imul(this.step + 1, 0x85ebca6b)) >>> 0);
  }

  private manualGrads(xb: tf.Tensor, yb: tf.Tensor, ctx: StepContext): Gradients {
    const f = this.net.forward(xb, ctx, this.nonNegative);
    const { loss, dy } = this.opts.loss === 'ratio' ? ratioLoss(f.y, yb) : normalizedMse(f.y, yb, this.invScale);
    return { loss, penalty: f.penalty, grads: this.net.backward(dy, f, ctx) };
  }

  /**
   * For layers without a hand-written backward (the baselines): tfjs
   * autodiff of the sum over restarts of each restart's loss. Restart r's
   * weights touch only restart r's loss, so the restarts stay independent.
   */
  private autodiffGrads(xb: tf.Tensor, yb: tf.Tensor, ctx: StepContext): Gradients {
    let loss: tf.Tensor1D | null = null;
    let penalty: tf.Tensor | null = null;
    const vars = this.net.variables;
    const { value, grads } = tf.variableGrads(() => {
      const f = this.net.forward(xb, ctx, this.nonNegative);
      // keep() lets the per-restart terms outlive variableGrads' own tidy; the caller's tidy cannot free kept tensors, so they are disposed below.
      loss = tf.keep(normalizedMse(f.y, yb, this.invScale).loss);
      penalty = f.penalty ? tf.keep(f.penalty) : null;
      return tf.sum(penalty ? tf.add(loss, penalty) : loss) as tf.Scalar;
    }, vars);
    value.dispose();
    const out = vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
    // Copies owned by the enclosing tidy, so the kept originals can go now.
    const l = tf.clone(loss!) as tf.Tensor1D;
    const p = penalty ? tf.clone(penalty) : null;
    (loss as tf.Tensor | null)?.dispose();
    (penalty as tf.Tensor | null)?.dispose();
    return { loss: l, penalty: p, grads: out };
  }

  dispose(): void {
    this.adam.dispose();
    this.x.dispose();
    this.y.dispose();
    this.invScale.dispose();
  }
}

interface Gradients {
  loss: tf.Tensor1D;
  penalty: tf.Tensor | null;
  grads: tf.Tensor[];
}

/**
 * Layers whose papers keep weights inside a box by clipping them after
 * every optimiser step (NAU and NMU: Madsen & Johansen 2020) expose
 * `project()`; autodiff training calls it after each update.
 */
function projectLayers(net: Network): void {
  for (const layer of net.layers) (layer as { project?: () => void }).project?.();
}

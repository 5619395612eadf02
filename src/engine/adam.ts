import * as tf from '@tensorflow/tfjs';
import { restartRows } from './contract.ts';

/** BatchedAdam's state of some restarts, as plain data. */
export interface AdamState {
  m: Float32Array;
  v: Float32Array;
  t: Float32Array;
}

export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Adam over variables with a leading restart axis. Each restart keeps its
 * own step count, so a restart that is re-initialised after a blow-up starts
 * its bias correction afresh without touching the others.
 *
 * The moments live in one [R, total] buffer over every variable: a step is
 * then a dozen kernels whatever the number of variables, and on small
 * stacks the per-kernel cost, not the arithmetic, is what a step pays.
 */
export class BatchedAdam {
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly t: tf.Variable;
  private readonly sizes: number[];
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;

  constructor(
    readonly variables: tf.Variable[],
    readonly restarts: number,
    private readonly opts: AdamOptions,
  ) {
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.eps = opts.epsilon ?? 1e-8;
    this.sizes = variables.map((x) => x.size / restarts);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = tf.tidy(() => tf.variable(tf.zeros([restarts, total]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([restarts, total]), false));
    this.t = tf.tidy(() => tf.variable(tf.zeros([restarts, 1]), false));
  }

  /** The gradients, aligned with `variables`, as one [R, total] tensor for `apply`. Call inside tf.tidy. */
  flatten(grads: tf.Tensor[]): tf.Tensor2D {
    const parts = grads.map((g) => tf.reshape(g, [this.restarts, -1]));
    return (parts.length === 1 ? parts[0] : tf.concat(parts, 1)) as tf.Tensor2D;
  }

  /** One update from flattened gradients. Call inside tf.tidy. */
  apply(g: tf.Tensor2D): void {
    const t = tf.add(this.t, 1);
    this.t.assign(t);
    const c1 = tf.sub(1, tf.pow(this.beta1, t));
    const c2 = tf.sub(1, tf.pow(this.beta2, t));
    const m = tf.add(tf.mul(this.m, this.beta1), tf.mul(g, 1 - this.beta1));
    const v = tf.add(tf.mul(this.v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
    this.m.assign(m);
    this.v.assign(v);
    const step = tf.div(tf.mul(m, tf.div(this.opts.lr, c1)), tf.add(tf.sqrt(tf.div(v, c2)), this.eps));
    const steps = this.sizes.length === 1 ? [step] : tf.split(step, this.sizes, 1);
    this.variables.forEach((x, i) => x.assign(tf.sub(x, tf.reshape(steps[i], x.shape))));
  }

  /** The moments and step counts of restarts [lo, hi), to go on with them elsewhere (see load). */
  slice(lo: number, hi: number): AdamState {
    return { m: restartRows(this.m, lo, hi), v: restartRows(this.v, lo, hi), t: restartRows(this.t, lo, hi) };
  }

  /** Takes on the state a slice of another optimiser's restarts had: this one's restarts, in order. */
  load(state: AdamState): void {
    for (const [s, values] of [[this.m, state.m], [this.v, state.v], [this.t, state.t]] as const) {
      tf.tidy(() => s.assign(tf.tensor(values, s.shape, 'float32')));
    }
  }

  /** Forgets restart r's moments and step count (NaN or infinite ones too: a restart that blew up). */
  reset(r: number): void {
    for (const s of [this.m, this.v, this.t]) {
      tf.tidy(() => {
        const forget = tf.cast(tf.tile(tf.reshape(tf.oneHot([r], this.restarts), [this.restarts, 1]), [1, s.shape[1]!]), 'bool');
        s.assign(tf.where(forget, tf.zerosLike(s), s));
      });
    }
  }

  dispose(): void {
    for (const s of [this.m, this.v, this.t]) s.dispose();
  }
}

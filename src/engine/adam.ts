import * as tf from '@tensorflow/tfjs';

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
 */
export class BatchedAdam {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly t: tf.Variable;
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
    this.m = variables.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
    this.v = variables.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
    this.t = tf.tidy(() => tf.variable(tf.zeros([restarts]), false));
  }

  /** One update; grads align with `variables`. Call inside tf.tidy. */
  apply(grads: tf.Tensor[]): void {
    const t = tf.add(this.t, 1);
    this.t.assign(t);
    const c1 = tf.sub(1, tf.pow(this.beta1, t));
    const c2 = tf.sub(1, tf.pow(this.beta2, t));
    this.variables.forEach((x, i) => {
      const g = grads[i];
      const m = tf.add(tf.mul(this.m[i], this.beta1), tf.mul(g, 1 - this.beta1));
      const v = tf.add(tf.mul(this.v[i], this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
      this.m[i].assign(m);
      this.v[i].assign(v);
      const shape = [this.restarts, ...new Array(x.rank - 1).fill(1)];
      const step = tf.div(tf.mul(m, tf.reshape(tf.div(this.opts.lr, c1), shape)), tf.add(tf.sqrt(tf.div(v, tf.reshape(c2, shape))), this.eps));
      x.assign(tf.sub(x, step));
    });
  }

  /** Forgets restart r's moments and step count. */
  reset(r: number): void {
    for (const s of [...this.m, ...this.v, this.t]) {
      tf.tidy(() => {
        const mask = tf.reshape(tf.oneHot([r], this.restarts), [this.restarts, ...new Array(s.rank - 1).fill(1)]);
        s.assign(tf.mul(s, tf.sub(1, mask)));
      });
    }
  }

  dispose(): void {
    for (const s of [...this.m, ...this.v, this.t]) s.dispose();
  }
}

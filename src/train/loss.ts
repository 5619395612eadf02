import * as tf from '@tensorflow/tfjs';

/**
 * Mean squared error per output, each divided by that target's mean square
 * so that outputs of different scales weigh alike; summed over outputs.
 * y [R, out, B], t [out, B], invScale [out, 1]. Returns the loss per restart
 * [R] and its gradient with respect to y.
 */
export function normalizedMse(y: tf.Tensor, t: tf.Tensor, invScale: tf.Tensor): { loss: tf.Tensor1D; dy: tf.Tensor } {
  const B = t.shape[1]!;
  const diff = tf.sub(y, t);
  const weighted = tf.mul(diff, invScale);
  const loss = tf.div(tf.sum(tf.mul(weighted, diff), [1, 2]), B) as tf.Tensor1D;
  return { loss, dy: tf.mul(weighted, 2 / B) };
}

/** 1 / mean(t^2) per output row of t [out, N], floored so a zero column cannot divide by zero. */
export function inverseMeanSquare(t: number[][]): number[] {
  return t.map((col) => {
    const ms = col.reduce((s, v) => s + v * v, 0) / Math.max(1, col.length);
    return 1 / Math.max(ms, 1e-12);
  });
}

/**
 * The loss of a rational stage, which fits y = N/D through N - y D = 0.
 * The network gives N and D for each target as consecutive outputs
 * (y [R, 2T, B], t [T, B]); per target the loss is
 *   sum_b (N - t D)^2 / sum_b (N^2 + t^2 D^2),
 * which is scale-free, so N = D = 0 does not minimise it.
 * Returns the loss per restart [R] and its gradient with respect to y.
 */
export function ratioLoss(y: tf.Tensor, t: tf.Tensor): { loss: tf.Tensor1D; dy: tf.Tensor } {
  const [R, twoT, B] = y.shape;
  const T = twoT / 2;
  const pairs = tf.reshape(y, [R, T, 2, B]);
  const [n4, d4] = tf.split(pairs, 2, 2);
  const N = tf.reshape(n4, [R, T, B]);
  const D = tf.reshape(d4, [R, T, B]);
  const tD = tf.mul(t, D);
  const r = tf.sub(N, tD);
  const a = tf.sum(tf.square(r), 2, true);
  const b = tf.add(tf.sum(tf.add(tf.square(N), tf.square(tD)), 2, true), 1e-30);
  const loss = tf.sum(tf.reshape(tf.div(a, b), [R, T]), 1) as tf.Tensor1D;
  const aOverB2 = tf.div(a, tf.square(b));
  const dN = tf.sub(tf.div(tf.mul(r, 2), b), tf.mul(tf.mul(N, 2), aOverB2));
  const dD = tf.sub(tf.div(tf.mul(tf.mul(r, t), -2), b), tf.mul(tf.mul(tf.mul(tD, t), 2), aOverB2));
  const dy = tf.reshape(tf.stack([dN, dD], 2), [R, twoT, B]);
  return { loss, dy };
}

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

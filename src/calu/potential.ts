import * as tf from '@tensorflow/tfjs';

/** Keeps log(1 - P) finite in float32 once a weight has settled. */
const P_MAX = 1 - 1e-6;

/**
 * The regularization potential of the talk,
 *   E = sum_{n in Q} |N - n| log(1 - P_n),
 * which is <= 0 and reaches 0 only when P is one-hot at N's value. The
 * penalty to minimise is its negative, -E >= 0.
 * Returns -E summed over every weight of each restart ([R]), and the
 * gradients of that sum with respect to P and N.
 * Shapes: P [R, ..., |Q|], N [R, ...].
 */
export function potential(P: tf.Tensor, N: tf.Tensor, q: tf.Tensor1D): { value: tf.Tensor1D; dP: tf.Tensor; dN: tf.Tensor } {
  const Pc = tf.clipByValue(P, 0, P_MAX); // P is a probability: as tf.minimum, and faster on wasm
  const oneMinus = tf.sub(1, Pc);
  const g = tf.neg(tf.log(oneMinus)); // -log(1 - P_n) >= 0
  const diff = tf.sub(tf.expandDims(N, -1), q);
  const dist = tf.abs(diff);
  const terms = tf.mul(dist, g);
  const R = P.shape[0];
  const value = tf.sum(tf.reshape(terms, [R, -1]), 1) as tf.Tensor1D;
  // d/dP_n = |N-n| / (1-P_n), zero where P was clamped.
  const dP = tf.where(tf.less(P, P_MAX), tf.div(dist, oneMinus), tf.zerosLike(P));
  const dN = tf.sum(tf.mul(tf.sign(diff), g), -1);
  return { value, dP, dN };
}

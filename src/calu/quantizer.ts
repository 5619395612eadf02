import * as tf from '@tensorflow/tfjs';

/**
 * The neural quantizer. Every weight keeps one logit per value of Q, and
 * trains toward one value of Q:
 *   N = sum_{n in Q} n * softmax(Nhat)_n
 * Shapes: logits [..., |Q|], q [|Q|]; P has the logits' shape, N drops the last axis.
 */
export function quantize(logits: tf.Tensor, q: tf.Tensor1D): { P: tf.Tensor; N: tf.Tensor } {
  const P = tf.softmax(logits);
  const N = tf.sum(tf.mul(P, q), -1);
  return { P, N };
}

/**
 * Backward through the quantizer, from gradients on N (and optionally on P,
 * from a penalty that reads P directly) to gradients on the logits.
 * The talk's rule dN/dNhat_n = P_n (n - N) is the softmax Jacobian applied
 * to u = dN * q (+ dP): dNhat = P * (u - <P, u>).
 */
export function quantizeBackward(P: tf.Tensor, q: tf.Tensor1D, dN: tf.Tensor, dP?: tf.Tensor): tf.Tensor {
  let u = tf.mul(tf.expandDims(dN, -1), q);
  if (dP) u = tf.add(u, dP);
  return tf.mul(P, tf.sub(u, tf.sum(tf.mul(P, u), -1, true)));
}

/** N for one weight from its logits, in float64: used when reading a trained network. */
export function expectation(logits: ArrayLike<number>, q: readonly number[]): number {
  let max = -Infinity;
  for (let i = 0; i < q.length; i++) max = Math.max(max, logits[i]);
  let z = 0;
  let s = 0;
  for (let i = 0; i < q.length; i++) {
    const p = Math.exp(logits[i] - max);
    z += p;
    s += p * q[i];
  }
  return s / z;
}

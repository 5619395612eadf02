import * as tf from '@tensorflow/tfjs';

/**
 * The unit phasor W = exp(i * pi * sigmoid(theta)): a trainable sign with
 * phase 0 (W = 1) or pi (W = -1), for when Q holds no negative values.
 */
export function phasor(theta: tf.Tensor): { re: tf.Tensor; im: tf.Tensor; sig: tf.Tensor } {
  const sig = tf.sigmoid(theta);
  const angle = tf.mul(sig, Math.PI);
  return { re: tf.cos(angle), im: tf.sin(angle), sig };
}

/** Gradient on theta from gradients on the real and imaginary parts of W. */
export function phasorBackward(w: { re: tf.Tensor; im: tf.Tensor; sig: tf.Tensor }, dRe: tf.Tensor, dIm?: tf.Tensor): tf.Tensor {
  const dAngle = dIm ? tf.sub(tf.mul(dIm, w.re), tf.mul(dRe, w.im)) : tf.neg(tf.mul(dRe, w.im));
  return tf.mul(dAngle, tf.mul(Math.PI, tf.mul(w.sig, tf.sub(1, w.sig))));
}

/** The sign a trained phasor snaps to: +1 for phase near 0, -1 for phase near pi. */
export function phasorSign(theta: number): 1 | -1 {
  return theta > 0 ? -1 : 1;
}

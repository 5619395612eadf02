import * as tf from '@tensorflow/tfjs';

/** A complex tensor carried as a pair of real tensors. */
export interface Complex {
  re: tf.Tensor;
  im: tf.Tensor;
  [part: string]: tf.Tensor;
}

/** The complex log of a real tensor: log x = ln|x| + i*pi*[x < 0]. */
export function logReal(x: tf.Tensor, eps = 0): Complex {
  const abs = tf.abs(x);
  return {
    re: tf.log(eps > 0 ? tf.add(abs, eps) : abs),
    im: tf.mul(tf.cast(tf.less(x, 0), 'float32'), Math.PI),
  };
}

/** exp(z) = e^Re(z) (cos Im(z) + i sin Im(z)). */
export function exp(z: Complex, reMax = Infinity): Complex {
  const mag = tf.exp(Number.isFinite(reMax) ? tf.minimum(z.re, reMax) : z.re);
  return { re: tf.mul(mag, tf.cos(z.im)), im: tf.mul(mag, tf.sin(z.im)) };
}

/** A complex matrix product, (a.re + i a.im)(b.re + i b.im), on the last two axes. */
export function matMul(a: Complex, b: Complex): Complex {
  return {
    re: tf.sub(tf.matMul(a.re, b.re), tf.matMul(a.im, b.im)),
    im: tf.add(tf.matMul(a.re, b.im), tf.matMul(a.im, b.re)),
  };
}

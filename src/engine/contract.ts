import * as tf from '@tensorflow/tfjs';
import type { Act } from './layer.ts';

/*
 * Weight-activation contractions for a batched stack. When the input is the
 * shared data, the restarts fold into the rows of one 2-D matMul, which is
 * several times faster on wasm than a batched matMul.
 */

/** y[r,o,b] = sum_i w[r,o,i] x[(r,)i,b] */
export function contract(w: tf.Tensor, x: Act): tf.Tensor {
  const [R, o, i] = w.shape;
  if (x.shared) return tf.reshape(tf.matMul(tf.reshape(w, [R * o, i]), x.t), [R, o, x.t.shape[1]!]);
  return tf.matMul(w, x.t);
}

/** dw[r,o,i] = sum_b g[r,o,b] x[(r,)i,b] */
export function contractGradW(g: tf.Tensor, x: Act): tf.Tensor {
  const [R, o, B] = g.shape;
  if (x.shared) return tf.reshape(tf.matMul(tf.reshape(g, [R * o, B]), x.t, false, true), [R, o, x.t.shape[0]!]);
  return tf.matMul(g, x.t, false, true);
}

/** dx[r,i,b] = sum_o w[r,o,i] g[r,o,b] */
export function contractGradX(w: tf.Tensor, g: tf.Tensor): tf.Tensor {
  return tf.matMul(w, g, true, false);
}

/** The values of restarts [lo, hi) of a variable with a leading restart axis, flat. */
export function restartRows(v: tf.Variable, lo: number, hi: number): Float32Array {
  const per = v.size / v.shape[0];
  return (v.dataSync() as Float32Array).slice(lo * per, hi * per);
}

/** Overwrites restart r's slice of a variable with the given values. */
export function setRestart(v: tf.Variable, r: number, values: ArrayLike<number>): void {
  const data = v.dataSync().slice() as Float32Array;
  const size = data.length / v.shape[0];
  if (values.length !== size) throw new Error(`setRestart: expected ${size} values, got ${values.length}`);
  data.set(values as ArrayLike<number>, r * size);
  tf.tidy(() => v.assign(tf.tensor(data, v.shape, 'float32')));
}

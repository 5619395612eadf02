import * as tf from '@tensorflow/tfjs';
import { setRestart } from '../engine/contract.ts';
import type { Random } from '../util/random.ts';

/** One trainable tensor of a baseline: its shape per restart and how its initial values are drawn. */
export interface ParamSpec {
  shape: number[];
  init: (rng: Random, size: number) => Float32Array;
}

/** Creates one variable [R, ...shape] per spec, every restart drawn independently. */
export function makeParams(restarts: number, specs: ParamSpec[], rng: Random): tf.Variable[] {
  const vars = specs.map((s) => tf.tidy(() => tf.variable(tf.zeros([restarts, ...s.shape]), true)));
  for (let r = 0; r < restarts; r++) reinitParams(vars, specs, r, rng);
  return vars;
}

export function reinitParams(vars: tf.Variable[], specs: ParamSpec[], r: number, rng: Random): void {
  specs.forEach((s, i) => setRestart(vars[i], r, s.init(rng, vars[i].size / vars[i].shape[0])));
}

/** Glorot & Bengio (2010) uniform: U(-l, l), l = sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(fanIn: number, fanOut: number): ParamSpec['init'] {
  const l = Math.sqrt(6 / (fanIn + fanOut));
  return uniform(-l, l);
}

export function uniform(low: number, high: number): ParamSpec['init'] {
  return (rng, size) => Float32Array.from({ length: size }, () => rng.between(low, high));
}

export function constant(value: number): ParamSpec['init'] {
  return (_rng, size) => new Float32Array(size).fill(value);
}

/** Mean over everything but the restart axis: [R, ...] -> [R]. */
export function meanPerRestart(t: tf.Tensor): tf.Tensor1D {
  return tf.mean(tf.reshape(t, [t.shape[0]!, -1]), 1) as tf.Tensor1D;
}

/** Sum over everything but the restart axis: [R, ...] -> [R]. */
export function sumPerRestart(t: tf.Tensor): tf.Tensor1D {
  return tf.sum(tf.reshape(t, [t.shape[0]!, -1]), 1) as tf.Tensor1D;
}

/** A shared input [in, B] or a per-restart one [R, in, B], as [R|1, 1, in, B] for elementwise use against weights [R, out, in, 1]. */
export function inputsForUnits(x: { t: tf.Tensor; shared: boolean }): tf.Tensor {
  const [a, b, c] = x.t.shape;
  return x.shared ? tf.reshape(x.t, [1, 1, a!, b!]) : tf.reshape(x.t, [a!, 1, b!, c!]);
}

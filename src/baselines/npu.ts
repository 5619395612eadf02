import * as tf from '@tensorflow/tfjs';
import type { Act, Forward, StepContext } from '../engine/layer.ts';
import { contract } from '../engine/contract.ts';
import type { Random } from '../util/random.ts';
import { matVec64, type Columns, type Weights64 } from './float64.ts';
import { constant, glorotUniform } from './params.ts';
import { ParamLayer } from './paramLayer.ts';
import { penaltyFor, type Penalty } from './penalty.ts';

/** float32 machine epsilon, the paper's guard on log|x|. */
const EPS = 1.1920929e-7;

export interface NpuArgs {
  units: number;
  /** The real NPU drops the imaginary weights. */
  real: boolean;
  /** Heim et al. train with an L1 penalty on every parameter. */
  penalty?: Penalty;
}

/**
 * Neural Power Unit and RealNPU (Heim, Pevny & Smidl, NeurIPS 2020):
 * r = g (|x| + eps) + (1 - g), k = g pi [x < 0] (g clipped to [0, 1]),
 * z = exp(Wre log r - Wim k) cos(Wre k + Wim log r); RealNPU has Wim = 0.
 * Wre is Glorot-uniform, Wim = 0, g = 1/2.
 */
export class Npu extends ParamLayer<NpuArgs> {
  readonly kind: 'npu' | 'realnpu';

  constructor(inputSize: number, restarts: number, args: NpuArgs, rng: Random) {
    const shape = [args.units, inputSize];
    super(inputSize, restarts, args, [
      { shape, init: glorotUniform(inputSize, args.units) },
      { shape: [inputSize, 1], init: constant(0.5) },
      ...(args.real ? [] : [{ shape, init: constant(0) }]),
    ], rng);
    this.kind = args.real ? 'realnpu' : 'npu';
  }

  forward(x: Act, ctx: StepContext): Forward {
    const [Wre, gv, Wim] = this.variables;
    const g = tf.clipByValue(gv, 0, 1); // [R, in, 1]
    const r = tf.add(tf.mul(g, tf.add(tf.abs(x.t), EPS)), tf.sub(1, g)); // [R, in, B]
    const k = tf.mul(g, tf.mul(tf.step(tf.neg(x.t)), Math.PI));
    const logR: Act = { t: tf.log(r), shared: false };
    const kA: Act = { t: k, shared: false };
    let mag = contract(Wre, logR);
    let phase = contract(Wre, kA);
    if (Wim) {
      mag = tf.sub(mag, contract(Wim, kA));
      phase = tf.add(phase, contract(Wim, logR));
    }
    const y = tf.mul(tf.exp(mag), tf.cos(phase));
    return { y, cache: null, penalty: penaltyFor(this.args.penalty, ctx, null, this.variables) };
  }

  forward64(w: Weights64, x: Columns): Columns {
    const [Wre, gv, Wim] = w;
    const g = Array.from(gv, (v) => Math.min(1, Math.max(0, v)));
    const logR = x.map((c, i) => c.map((v) => Math.log(g[i] * (Math.abs(v) + EPS) + 1 - g[i])));
    const k = x.map((c, i) => c.map((v) => (v < 0 ? g[i] * Math.PI : 0)));
    const n = this.outputSize;
    const mag = matVec64(Wre, n, logR);
    const phase = matVec64(Wre, n, k);
    if (Wim) {
      const mi = matVec64(Wim, n, k);
      const pi = matVec64(Wim, n, logR);
      mag.forEach((c, o) => c.forEach((_, b) => (c[b] -= mi[o][b])));
      phase.forEach((c, o) => c.forEach((_, b) => (c[b] += pi[o][b])));
    }
    return mag.map((c, o) => c.map((v, b) => Math.exp(v) * Math.cos(phase[o][b])));
  }
}

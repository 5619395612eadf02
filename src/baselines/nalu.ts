import * as tf from '@tensorflow/tfjs';
import type { Act, Forward, StepContext } from '../engine/layer.ts';
import { contract } from '../engine/contract.ts';
import type { Random } from '../util/random.ts';
import { ParamLayer } from './paramLayer.ts';
import { matVec64, type Columns, type Weights64 } from './float64.ts';
import { glorotUniform } from './params.ts';

/** Keeps log(|x| + eps) finite at x = 0, as in the paper. */
const EPS = 1e-7;

/**
 * Which part of the unit: the full gated NALU; only its multiplicative path
 * (the talk's NALU_m); or only its additive path, the NAC (the talk's NALU_a).
 */
export type NaluMode = 'gated' | 'mul' | 'add';

export interface NaluArgs {
  units: number;
  mode: NaluMode;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * NALU (Trask et al. 2018): W = tanh(W^) * sigmoid(M^), a = W x,
 * m = exp(W log(|x| + eps)), g = sigmoid(G x), y = g a + (1 - g) m.
 * W^, M^ and G are drawn Glorot-uniform (the paper names no initialisation).
 */
export class Nalu extends ParamLayer<NaluArgs> {
  readonly kind = 'nalu' as const;

  constructor(inputSize: number, restarts: number, args: NaluArgs, rng: Random) {
    const shape = [args.units, inputSize];
    const init = glorotUniform(inputSize, args.units);
    super(inputSize, restarts, args, [
      { shape, init },
      { shape, init },
      ...(args.mode === 'gated' ? [{ shape, init }] : []),
    ], rng);
  }

  forward(x: Act, _ctx: StepContext): Forward {
    const [What, Mhat, G] = this.variables;
    const W = tf.mul(tf.tanh(What), tf.sigmoid(Mhat));
    const add = () => contract(W, x);
    const mul = () => tf.exp(contract(W, { t: tf.log(tf.add(tf.abs(x.t), EPS)), shared: x.shared }));
    let y: tf.Tensor;
    if (this.args.mode === 'add') y = add();
    else if (this.args.mode === 'mul') y = mul();
    else {
      const g = tf.sigmoid(contract(G, x));
      y = tf.add(tf.mul(g, add()), tf.mul(tf.sub(1, g), mul()));
    }
    return { y, cache: null, penalty: null };
  }

  forward64(w: Weights64, x: Columns): Columns {
    const W = w[0].map((v, i) => Math.tanh(v) * sigmoid(w[1][i]));
    const n = this.outputSize;
    if (this.args.mode === 'add') return matVec64(W, n, x);
    const m = matVec64(W, n, x.map((c) => c.map((v) => Math.log(Math.abs(v) + EPS)))).map((c) => c.map(Math.exp));
    if (this.args.mode === 'mul') return m;
    const a = matVec64(W, n, x);
    const g = matVec64(w[2], n, x);
    return a.map((ac, o) => ac.map((av, b) => {
      const gv = sigmoid(g[o][b]);
      return gv * av + (1 - gv) * m[o][b];
    }));
  }
}
